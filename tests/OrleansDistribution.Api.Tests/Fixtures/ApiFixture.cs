using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>
/// The real API silo (co-hosted Orleans silo, in-memory storage, simulated ERP/WMS) on Kestrel at a free
/// loopback port, so tests talk real HTTP exactly as a channel would.
/// </summary>
public class ApiFixture : WebApplicationFactory<Program>, IAsyncLifetime, IApiHost
{
    /// <summary>The operator key the test host is configured with.</summary>
    public const string OperatorKey = "test-operator-key-0123456789";

    /// <summary>The ERP integration's key the test host is configured with.</summary>
    public const string ErpKey = "test-erp-key-0123456789";

    public ApiFixture() => UseKestrel(0);

    /// <summary>The base address of the running server.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Validates every event the hosted silo publishes against its served schema; a violation fails the run.</summary>
    public EventSchemaValidator EventSchemas { get; private set; } = null!;

    public virtual ValueTask InitializeAsync()
    {
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
        EventSchemas = new EventSchemaValidator(Services, BaseAddress);
        return ValueTask.CompletedTask;
    }

    /// <summary>Releases what a subclass started besides the server; runs after the server stopped.</summary>
    public virtual Task DisposeFixtureAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        // Stopped before the server, and its verdict thrown after everything is released, so a violation fails the run
        // without leaking the host.
        Exception? violations = null;
        if (EventSchemas is not null)
        {
            try
            {
                await EventSchemas.DisposeAsync();
            }
            catch (InvalidOperationException exception)
            {
                violations = exception;
            }
        }

        await base.DisposeAsync();
        await DisposeFixtureAsync();
        GC.SuppressFinalize(this);
        if (violations is not null)
        {
            throw violations;
        }
    }

    /// <summary>A client carrying the given API key (none when null).</summary>
    public HttpClient ClientWithKey(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>A client acting as the operator.</summary>
    public HttpClient Operator() => ClientWithKey(OperatorKey);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(ExportedSpans)));
    }

    /// <summary>Every span the hosted API silo finished, for trace assertions.</summary>
    public List<System.Diagnostics.Activity> ExportedSpans { get; } = [];

    /// <summary>
    /// Configuration of the hosted API silo: the test kit's fast settings (memory storage, 1–5 ms simulated ERP/WMS, 10 ms
    /// first step, 200 ms retries) and the host's own; subclasses add or override entries.
    /// </summary>
    protected virtual Dictionary<string, string> Settings() => new(TestClusterSettings.Fast.Select(setting => KeyValuePair.Create(setting.Key, setting.Value!)))
    {
        ["urls"] = "http://127.0.0.1:0",
        ["Distribution:AdminApiKey"] = OperatorKey,
        // The trace tests read the spans from an in-memory exporter; with no OTLP endpoint they are otherwise not recorded.
        ["Distribution:Telemetry:Traces"] = "true",
        ["Distribution:ErpApiKey"] = ErpKey,
        // Memory-mode grain state is shared per ServiceId across the test process, as a database would be: fixtures
        // running side by side must not see each other's partners, exception queues or dependency health.
        ["Distribution:Cluster:ServiceId"] = $"api-tests-{Guid.NewGuid():N}",
        ["Distribution:Cluster:SiloPort"] = ChildProcess.FreePortSetting(),
        ["Distribution:Cluster:GatewayPort"] = ChildProcess.FreePortSetting(),
        // The operations figures move within a second, so tests read what their traffic implies without long waits.
        ["Distribution:Kpis:ReportInterval"] = "00:00:00.250",
        ["Distribution:Kpis:SampleInterval"] = "00:00:00.250",
        ["Distribution:Kpis:OrderCountInterval"] = "00:00:00.250",
        // One fixture onboards hundreds of partners over a run: each keeps its own label (production bounds them at 200).
        ["Distribution:Kpis:MaxPartnerLabels"] = "100000",
    };

}
