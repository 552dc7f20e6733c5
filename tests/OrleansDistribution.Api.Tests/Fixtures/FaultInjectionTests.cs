namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>
/// A test class that sets faults on its API silo's shared simulation: every test starts and ends with none, so a
/// failed test leaves no outage behind for the next one.
/// </summary>
public abstract class FaultInjectionTests(IApiHost api) : IAsyncLifetime
{
    /// <summary>A client acting as the operator, for the test's own calls too.</summary>
    protected HttpClient Operator { get; } = api.Operator();

    public async ValueTask InitializeAsync() => await Simulation.ClearFaultsAsync(Operator);

    public async ValueTask DisposeAsync()
    {
        await Simulation.ClearFaultsAsync(Operator);
        Operator.Dispose();
        GC.SuppressFinalize(this);
    }
}
