using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Integration.Health;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Integration.Tests.Fixtures;

/// <summary>
/// The ports exactly as a silo gets them: a real ServiceCollection through
/// <see cref="IntegrationServiceCollectionExtensions.AddDistributionDownstreams"/>, both systems pointed at
/// a stub, with timings short enough for tests. Each harness has its own provider, so its own circuits.
/// </summary>
public sealed class DownstreamHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private DownstreamHarness(ServiceProvider provider, RecordingHealthReporter reporter)
    {
        _provider = provider;
        Reporter = reporter;
    }

    /// <summary>The ERP port.</summary>
    public IErpPort Erp => _provider.GetRequiredService<IErpPort>();

    /// <summary>The WMS port.</summary>
    public IWarehousePort Warehouse => _provider.GetRequiredService<IWarehousePort>();

    /// <summary>Circuit reports received.</summary>
    public RecordingHealthReporter Reporter { get; }

    /// <summary>The provider, for registration checks.</summary>
    public IServiceProvider Services => _provider;

    /// <summary>
    /// Both systems at <paramref name="baseUrl"/>: 2 s attempts, 3 retries 10 ms apart, 10 s per call, and
    /// a circuit that needs 100 attempts (so only tests about the circuit open it). <paramref name="settings"/>
    /// overrides per key, e.g. <c>["Distribution:Erp:MaxRetryAttempts"] = "1"</c>.
    /// </summary>
    public static DownstreamHarness Create(string baseUrl, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in new[] { "Distribution:Erp", "Distribution:Wms" })
        {
            values[$"{section}:BaseUrl"] = baseUrl;
            values[$"{section}:AttemptTimeout"] = "00:00:02";
            values[$"{section}:MaxRetryAttempts"] = "3";
            values[$"{section}:BaseDelay"] = "00:00:00.010";
            values[$"{section}:TotalTimeout"] = "00:00:10";
            values[$"{section}:CircuitFailureRatio"] = "0.5";
            values[$"{section}:CircuitMinimumThroughput"] = "100";
            values[$"{section}:CircuitSamplingDuration"] = "00:00:05";
            values[$"{section}:CircuitBreakDuration"] = "00:00:01";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var reporter = new RecordingHealthReporter(new DependencyHealthState(TimeProvider.System));
        var services = new ServiceCollection();
        services.AddLogging();
        // Registered first, so the TryAdd default stands aside: how a host plugs in its own reporter.
        services.AddSingleton<IDependencyHealthReporter>(reporter);
        services.AddDistributionDownstreams(configuration);
        return new DownstreamHarness(services.BuildServiceProvider(validateScopes: true), reporter);
    }

    /// <summary>A fresh order's step context.</summary>
    public static OutboundContext Step(string orderId, string step) =>
        OutboundContext.ForStep(orderId, step, $"corr-{Guid.NewGuid():N}");

    /// <summary>A fresh order ID.</summary>
    public static string NewOrderId() => $"ord-{Guid.NewGuid():N}";

    /// <summary>A two-line ERP order.</summary>
    public static ErpOrder Order(string orderId) =>
        new(orderId, "partner-1", "customer-1", "PO-77", "pl-2024-01", "EUR", 42.50m,
            [new ErpOrderLine("SKU-1", 2, 10.25m), new ErpOrderLine("SKU-2", 1, 22.00m)]);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
