using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Dependencies;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Grains.Events;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Dependencies;

/// <summary>
/// Turns per-silo circuit changes into one DependencyDegraded when the first circuit opens and one
/// DependencyRecovered when the last closes: a single failed call is not an alert, a systemic failure is.
/// </summary>
public sealed partial class DependencyHealthGrain(
    [PersistentState("dependency", DistributionNames.Storage)] IPersistentState<DependencyHealthGrainState> state,
    EventOutbox events,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    ILogger<DependencyHealthGrain> logger) : Grain, IDependencyHealthGrain
{
    /// <inheritdoc />
    public async Task ReportOpenedAsync(string siloId, string reason)
    {
        if (!state.State.OpenOn.Add(siloId))
        {
            return;
        }

        var becameDegraded = state.State.DegradedSince is null;
        var since = state.State.DegradedSince ??= clock.GetUtcNow();
        if (becameDegraded)
        {
            state.State.Reason = reason;
        }

        await state.WriteOrDeactivateAsync(this);
        if (becameDegraded)
        {
            LogDegraded(logger, this.GetPrimaryKeyString(), reason);
            events.Publish(new DependencyDegraded
            {
                EventId = EventOutbox.NewEventId(),
                At = since,
                CorrelationId = Workflow.Correlation.Current,
                Dependency = this.GetPrimaryKeyString(),
                Reason = reason,
            });
        }
    }

    /// <inheritdoc />
    public async Task ReportClosedAsync(string siloId)
    {
        var removed = state.State.OpenOn.Remove(siloId);
        // A silo that died with its circuit open never reports back: forget silos that are no longer active.
        var active = (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.Select(silo => silo.ToString()).ToHashSet(StringComparer.Ordinal);
        removed |= state.State.OpenOn.RemoveWhere(silo => !active.Contains(silo)) > 0;
        if (!removed)
        {
            return;
        }

        if (state.State.OpenOn.Count > 0 || state.State.DegradedSince is not { } since)
        {
            await state.WriteOrDeactivateAsync(this);
            return;
        }

        state.State.DegradedSince = null;
        state.State.Reason = null;
        await state.WriteOrDeactivateAsync(this);
        var now = clock.GetUtcNow();
        LogRecovered(logger, this.GetPrimaryKeyString(), now - since);
        events.Publish(new DependencyRecovered
        {
            EventId = EventOutbox.NewEventId(),
            At = now,
            CorrelationId = Workflow.Correlation.Current,
            Dependency = this.GetPrimaryKeyString(),
            DegradedFor = now - since,
        });
    }

    /// <inheritdoc />
    public Task<DependencyState> GetAsync() =>
        Task.FromResult(new DependencyState(this.GetPrimaryKeyString(), state.State.DegradedSince, state.State.Reason));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dependency {Dependency} degraded: {Reason}")]
    private static partial void LogDegraded(ILogger logger, string dependency, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dependency {Dependency} recovered after {DegradedFor}")]
    private static partial void LogRecovered(ILogger logger, string dependency, TimeSpan degradedFor);
}
