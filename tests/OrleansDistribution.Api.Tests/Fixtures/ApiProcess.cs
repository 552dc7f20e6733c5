using System.Net;

namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>The API silo as a separate OS process (see <see cref="ChildProcess"/>).</summary>
public sealed class ApiProcess : IAsyncDisposable, IApiHost
{
    private readonly ChildProcess _process;

    private ApiProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts the API with the given configuration and waits until /health/ready answers 200.</summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan? readyTimeout = null)
    {
        var port = ChildProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Distribution:AdminApiKey"] = ApiFixture.OperatorKey,
            ["Distribution:Cluster:SiloPort"] = ChildProcess.FreePortSetting(),
            ["Distribution:Cluster:GatewayPort"] = ChildProcess.FreePortSetting(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        // The API's build output is copied next to the tests (project reference).
        var process = ChildProcess.Start(Path.Combine(AppContext.BaseDirectory, "OrleansDistribution.Api.dll"), environment);
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = api.ClientWithKey(null);
        probe.Timeout = TimeSpan.FromSeconds(5);
        await process.WaitUntilAsync(
            async () => (await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            readyTimeout ?? TimeSpan.FromSeconds(60),
            "ready");
        return api;
    }

    /// <inheritdoc />
    public HttpClient ClientWithKey(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>SIGTERM; then wait for the exit with <see cref="WaitForExitAsync"/>.</summary>
    public void Terminate() => _process.Terminate();

    /// <summary>Waits for the process to end by itself.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Exit code, once exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote so far.</summary>
    public string Output => _process.Output;

    /// <summary>SIGKILL.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
