using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace OrleansDistribution.Hosting.Cluster;

/// <summary>
/// Declares a silo dead as soon as its silo port refuses connections after a connection with it closed.
/// </summary>
/// <remarks>
/// <para>
/// Why ours: Orleans detects a dead silo by missed probes (three of them, half a second to a second apart with a 1 s
/// <c>ProbeTimeout</c>, the first one often waiting out its whole timeout on the connection that just died) and a vote
/// in the membership table: 1.5–2.2 s measured with <c>samples/Throughput --failover</c>. All that time the grains the
/// dead silo held, and every new grain whose directory partition it owned, cannot be reached, so intake stalls. A
/// refused connection is not a missed probe: the silo's host answered that nothing listens on the silo port, which an
/// active silo never stops doing while its process runs. That is proof the process is gone (a restarted silo comes
/// back with a new generation, so it is not the one declared dead). A timeout or an unreachable host proves nothing
/// (a partition, a paused VM): those stay with Orleans' probes and votes. A firewall that rejects the silo port with a
/// reset looks the same as a dead silo and is not told apart: turn the check off there
/// (<c>Distribution:Cluster:DeclareRefusingSilosDead</c>).
/// </para>
/// <para>
/// It acts only when a silo connection closes (a middleware on Orleans' silo connections tells it), checks the port
/// twice, and declares the silo dead through <see cref="IClusterMembershipService.TryKill"/>, the hook Orleans offers
/// outside failure detectors. Silos that are shutting down are left alone: they leave the cluster themselves.
/// </para>
/// </remarks>
public sealed partial class RefusedSiloDetector(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    ILogger<RefusedSiloDetector> logger,
    TimeProvider timeProvider) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Refusals that prove the silo gone; two, so one odd reset does not kill a silo.</summary>
    internal const int RefusalsNeeded = 2;

    /// <summary>Between two checks of one port.</summary>
    internal static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>Connections that lived shorter than this are not reported (see <see cref="Use"/>).</summary>
    internal static readonly TimeSpan MinConnectionLifetime = TimeSpan.FromSeconds(1);

    /// <summary>A check that neither connects nor is refused in this time proves nothing.</summary>
    internal static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<SiloAddress, Task> _checking = new();
    private readonly CancellationTokenSource _stopping = new();
    private volatile bool _active;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RefusedSiloDetector), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    /// <summary>
    /// Wraps every silo-to-silo connection, outbound and inbound (Orleans sends over both), and reports its end.
    /// Connections shorter than <see cref="MinConnectionLifetime"/> are not reported: they are other detectors' port
    /// checks (which would otherwise make two live silos check each other back and forth), or silos that died while
    /// joining, which Orleans' probes handle.
    /// </summary>
    public void Use(IConnectionBuilder connection) => connection.Use(next => async context =>
    {
        var opened = timeProvider.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (timeProvider.GetElapsedTime(opened) >= MinConnectionLifetime && context.RemoteEndPoint is IPEndPoint remote)
            {
                OnConnectionClosed(remote.Address);
            }
        }
    });

    /// <summary>
    /// A connection with a silo at <paramref name="host"/> ended: check whether the active silos there still listen.
    /// An inbound connection comes from an ephemeral port, so every silo on that host is checked.
    /// </summary>
    public void OnConnectionClosed(IPAddress host)
    {
        if (!_active)
        {
            return;
        }

        host = host.MapToIPv6();
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active && !member.SiloAddress.Equals(localSilo.SiloAddress) && member.SiloAddress.Endpoint.Address.MapToIPv6().Equals(host))
            {
                StartCheck(member.SiloAddress);
            }
        }
    }

    private void StartCheck(SiloAddress silo)
    {
        // One check per silo at a time: a dying silo closes all its connections at once.
        var checkedOnce = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_checking.TryAdd(silo, checkedOnce.Task))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await CheckAsync(silo, _stopping.Token);
            }
            finally
            {
                _checking.TryRemove(silo, out _);
                checkedOnce.SetResult();
            }
        }, CancellationToken.None);
    }

    /// <summary>Completes when no check is running (for tests).</summary>
    internal Task IdleAsync() => Task.WhenAll(_checking.Values);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        _active = true;
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        // Our own shutdown closes every connection: nobody is dead because we leave.
        _active = false;
        await _stopping.CancelAsync();
        await IdleAsync().WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task CheckAsync(SiloAddress silo, CancellationToken stopping)
    {
        try
        {
            var refusals = 0;
            for (var attempt = 0; attempt < RefusalsNeeded; attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(RetryDelay, timeProvider, stopping);
                }

                switch (await SiloPortCheck.CheckAsync(silo.Endpoint, ConnectTimeout, stopping))
                {
                    case SiloPortAnswer.Refused:
                        refusals++;
                        break;
                    case SiloPortAnswer.Accepted:
                        // It listens: the connection closed for another reason.
                        return;
                    default:
                        // No answer proves nothing; Orleans' probes decide.
                        return;
                }
            }

            // Still active (not shutting down, not declared dead by another silo meanwhile).
            if (refusals >= RefusalsNeeded && !stopping.IsCancellationRequested
                && membership.CurrentSnapshot.Members.TryGetValue(silo, out var member) && member.Status == SiloStatus.Active)
            {
                LogDeclaringDead(logger, silo, refusals);
                await membership.TryKill(silo);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // This silo is stopping.
        }
        catch (Exception exception)
        {
            // Orleans' probes still find the silo dead; this only makes it faster.
            LogCheckFailed(logger, exception, silo);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} refused {Refusals} connections to its silo port after a connection with its host closed: its process is gone, declaring it dead")]
    private static partial void LogDeclaringDead(ILogger logger, SiloAddress silo, int refusals);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check whether silo {Silo} still listens; Orleans' probes will decide")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, SiloAddress silo);
}
