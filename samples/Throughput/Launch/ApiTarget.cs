using System.Globalization;
using Throughput.Api;
using Throughput.Options;
using Throughput.Probes;

namespace Throughput.Launch;

/// <summary>
/// The API under test, ready: one this run launched (<c>--launch</c>), or one already running at <c>--url</c>,
/// with its process id when it can be found (for CPU and RSS), and a client for setup and checks.
/// </summary>
internal sealed class ApiTarget : IAsyncDisposable
{
    private static readonly TimeSpan LaunchReadyTimeout = TimeSpan.FromSeconds(120);

    private readonly HttpClient _http;
    private readonly LaunchedApi? _launched;

    private ApiTarget(Uri baseUri, string adminKey, int? pid, TimeSpan timeout, LaunchedApi? launched)
    {
        BaseUri = baseUri;
        AdminKey = adminKey;
        Pid = pid;
        _launched = launched;
        _http = HttpClients.Create(baseUri, maxConnections: 16, timeout);
        Api = new ApiClient(_http, adminKey);
    }

    /// <summary>Base URL.</summary>
    public Uri BaseUri { get; }

    /// <summary>The operator key it accepts.</summary>
    public string AdminKey { get; }

    /// <summary>Its process id, when known.</summary>
    public int? Pid { get; private set; }

    /// <summary>Setup and check calls.</summary>
    public ApiClient Api { get; }

    /// <summary>The environment a launched API was started with (null when attached to a running one).</summary>
    public IReadOnlyDictionary<string, string>? LaunchEnvironment => _launched?.Environment;

    /// <summary>Keep a launched API's log when it stops.</summary>
    public void KeepLog()
    {
        if (_launched is not null)
        {
            _launched.KeepLog = true;
        }
    }

    /// <summary>Launches or attaches, and waits until /health/ready.</summary>
    public static async Task<ApiTarget> OpenAsync(BenchmarkOptions options, string runId, TextWriter output, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        if (options.Launch is not { } mode)
        {
            var attached = new ApiTarget(options.BaseUri, options.AdminKey!, null, timeout, null);
            try
            {
                await attached.Api.WaitUntilReadyAsync(TimeSpan.FromSeconds(options.WaitReadySeconds), null, cancellationToken);
            }
            catch (SetupException)
            {
                await attached.DisposeAsync();
                throw;
            }

            // Only once it answers is it surely listening.
            var pid = options.ApiPid ?? ApiProcessLocator.FindListener(options.BaseUri.Port);
            attached.Pid = pid;
            output.WriteLine($"api: {options.BaseUri} ready, pid {pid?.ToString(CultureInfo.InvariantCulture) ?? "not found (CPU and RSS will be n/a; pass --api-pid)"}");
            return attached;
        }

        var root = RepositoryLocator.Find(options.RepositoryRoot)
            ?? throw new SetupException("--launch needs the repository (OrleansDistribution.sln): run from inside it or pass --repo");
        var adminKey = string.IsNullOrWhiteSpace(options.AdminKey) ? $"throughput-{Guid.NewGuid():N}" : options.AdminKey;
        var settings = new Dictionary<string, string>();
        if (options.FailoverProbeTimeoutSeconds is { } probeTimeout)
        {
            settings["Distribution__Cluster__ProbeTimeout"] = TimeSpan.FromSeconds(probeTimeout).ToString("c", CultureInfo.InvariantCulture);
        }

        if (options.FailoverProbesOnly)
        {
            settings["Distribution__Cluster__DeclareRefusingSilosDead"] = "false";
        }

        var launched = await LaunchedApi.StartAsync(mode, root, adminKey, options.PostgresConnectionString, runId, output, settings);
        var target = new ApiTarget(launched.BaseUri, adminKey, launched.Pid, timeout, launched);
        try
        {
            await target.Api.WaitUntilReadyAsync(LaunchReadyTimeout, () => launched.IsRunning, cancellationToken);
        }
        catch (SetupException)
        {
            output.WriteLine($"launch: the API's last output:\n{launched.LogTail()}");
            await target.DisposeAsync();
            throw;
        }

        output.WriteLine("launch: ready");
        return target;
    }

    /// <summary>Stops a launched API; leaves an attached one alone.</summary>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_launched is not null)
        {
            await _launched.DisposeAsync();
        }
    }
}
