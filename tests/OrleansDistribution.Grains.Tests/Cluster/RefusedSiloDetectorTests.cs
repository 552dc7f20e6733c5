using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using OrleansDistribution.Hosting.Cluster;

namespace OrleansDistribution.Grains.Tests.Cluster;

/// <summary>
/// The refused-connection check against real sockets: a port nobody listens on (a killed silo) and a listening one (a
/// live silo), with a membership view we control.
/// </summary>
public sealed class RefusedSiloDetectorTests : IDisposable
{
    private static readonly IPAddress Host = IPAddress.Loopback;

    private readonly TcpListener _alive = new(Host, 0);
    private readonly FakeMembership _membership = new();
    private readonly SteppedClock _clock = new();
    private readonly SiloAddress _local;

    public RefusedSiloDetectorTests()
    {
        _alive.Start();
        _local = Silo(RefusingPort());
    }

    public void Dispose() => _alive.Dispose();

    [Fact]
    public async Task ConnectionWithAHostClosed_TheActiveSiloThereThatRefuses_IsDeclaredDead_TheListeningOneIsNot()
    {
        var dead = Silo(RefusingPort());
        var alive = Silo(((IPEndPoint)_alive.LocalEndpoint).Port);
        var leaving = Silo(RefusingPort());
        _membership.Set((_local, SiloStatus.Active), (dead, SiloStatus.Active), (alive, SiloStatus.Active), (leaving, SiloStatus.ShuttingDown));
        var detector = await StartedDetectorAsync();

        detector.OnConnectionClosed(Host);
        await detector.IdleAsync();

        // The live silo and the one leaving the cluster on its own are left alone; ourselves too (our port refuses here).
        Assert.Equal([dead], _membership.Killed);
    }

    [Fact]
    public async Task SiloPortCheck_TellsRefusedFromAcceptedFromNoAnswer()
    {
        Assert.Equal(SiloPortAnswer.Refused, await SiloPortCheck.CheckAsync(new IPEndPoint(Host, RefusingPort()), TimeSpan.FromSeconds(1), default));
        Assert.Equal(SiloPortAnswer.Accepted, await SiloPortCheck.CheckAsync((IPEndPoint)_alive.LocalEndpoint, TimeSpan.FromSeconds(1), default));
        // A connect that is not answered in time proves nothing (an address of TEST-NET-1, RFC 5737, with no time at all:
        // some networks, this sandbox's among them, answer such addresses with a reset).
        Assert.Equal(SiloPortAnswer.NoAnswer, await SiloPortCheck.CheckAsync(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 11111), TimeSpan.Zero, default));
    }

    [Fact]
    public async Task BeforeTheSiloIsActive_AndOnceItStops_NothingIsChecked()
    {
        var dead = Silo(RefusingPort());
        _membership.Set((_local, SiloStatus.Active), (dead, SiloStatus.Active));
        var lifecycle = new FakeLifecycle();
        var detector = Detector();
        detector.Participate(lifecycle);

        detector.OnConnectionClosed(Host);
        await detector.IdleAsync();
        Assert.Empty(_membership.Killed);

        await lifecycle.Observer!.OnStart(default);
        await lifecycle.Observer.OnStop(default);
        detector.OnConnectionClosed(Host);
        await detector.IdleAsync();
        // Our own shutdown closes every connection: that kills nobody.
        Assert.Empty(_membership.Killed);
    }

    [Fact]
    public async Task Middleware_ReportsConnectionsThatLived_NotAnotherDetectorsPortCheck()
    {
        var dead = Silo(RefusingPort());
        _membership.Set((_local, SiloStatus.Active), (dead, SiloStatus.Active));
        var detector = await StartedDetectorAsync();
        var builder = new ConnectionBuilder(new ServiceCollection().BuildServiceProvider());
        detector.Use(builder);
        var lifetime = TimeSpan.Zero;
        var connection = builder.Run(_ =>
        {
            _clock.Advance(lifetime);
            return Task.CompletedTask;
        }).Build();
        var context = new DefaultConnectionContext { RemoteEndPoint = new IPEndPoint(Host, 40_000) };

        // Connected and closed at once: what a port check looks like from the silo it checked.
        lifetime = TimeSpan.FromMilliseconds(5);
        await connection(context);
        await detector.IdleAsync();
        Assert.Empty(_membership.Killed);

        lifetime = TimeSpan.FromSeconds(30);
        await connection(context);
        await detector.IdleAsync();
        Assert.Equal([dead], _membership.Killed);
    }

    private async Task<RefusedSiloDetector> StartedDetectorAsync()
    {
        var lifecycle = new FakeLifecycle();
        var detector = Detector();
        detector.Participate(lifecycle);
        await lifecycle.Observer!.OnStart(default);
        return detector;
    }

    private RefusedSiloDetector Detector() =>
        new(_membership, new LocalSilo(_local), NullLogger<RefusedSiloDetector>.Instance, _clock);

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(Host, port), 1);

    /// <summary>A loopback port that was just free: nothing listens there, so connecting is refused.</summary>
    private static int RefusingPort()
    {
        using var listener = new TcpListener(Host, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Real timers, a timestamp the test moves.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    private sealed class FakeMembership : IClusterMembershipService
    {
        public ConcurrentQueue<SiloAddress> Killed { get; } = new();

        public ClusterMembershipSnapshot CurrentSnapshot { get; private set; } =
            new(ImmutableDictionary<SiloAddress, ClusterMember>.Empty, MembershipVersion.MinValue);

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public void Set(params (SiloAddress Silo, SiloStatus Status)[] members) =>
            CurrentSnapshot = new ClusterMembershipSnapshot(
                members.ToImmutableDictionary(m => m.Silo, m => new ClusterMember(m.Silo, m.Status, m.Silo.ToString())), new MembershipVersion(1));

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => default;

        public Task<bool> TryKill(SiloAddress siloAddress)
        {
            Killed.Enqueue(siloAddress);
            return Task.FromResult(true);
        }
    }

    private sealed class LocalSilo(SiloAddress address) : ILocalSiloDetails
    {
        public string Name => "local";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => address;

        public SiloAddress GatewayAddress => address;
    }

    private sealed class FakeLifecycle : ISiloLifecycle
    {
        public ILifecycleObserver? Observer { get; private set; }

        public int HighestCompletedStage => 0;

        public int LowestStoppedStage => 0;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            Observer = observer;
            return new NoDispose();
        }

        private sealed class NoDispose : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
