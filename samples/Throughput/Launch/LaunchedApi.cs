using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Throughput.Api;
using Throughput.Options;
using Throughput.Tools;

namespace Throughput.Launch;

/// <summary>
/// An API silo this run started from the Release build (<c>--launch</c>): its own temp data directory, free
/// ports, a cluster id of its own (so it never joins someone else's silos on a shared database), logging at
/// Warning. Stopped with SIGTERM (then SIGKILL) when disposed.
/// </summary>
internal sealed class LaunchedApi : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly string _directory;
    private bool _logClosed;

    private LaunchedApi(Process process, StreamWriter log, string directory, Uri baseUri, IReadOnlyDictionary<string, string> environment)
    {
        _process = process;
        _log = log;
        _directory = directory;
        BaseUri = baseUri;
        Environment = environment;
    }

    /// <summary>The environment it was started with (storage, database, cluster id): worker silos of the same cluster start from it.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Where it listens.</summary>
    public Uri BaseUri { get; }

    /// <summary>Its process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Still running.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Its console output, for when it fails.</summary>
    public string LogPath => Path.Combine(_directory, "api.log");

    /// <summary>Keep the console output when stopping (the run saw server errors worth reading about).</summary>
    public bool KeepLog { get; set; }

    /// <summary>Migrates (PostgreSQL) and starts the API; readiness is the caller's to wait for.</summary>
    /// <param name="settings">More environment entries (e.g. the failover mode's membership settings).</param>
    public static async Task<LaunchedApi> StartAsync(
        StorageMode mode, string repositoryRoot, string adminKey, string? postgres, string runId, TextWriter output, IReadOnlyDictionary<string, string>? settings = null)
    {
        var apiDll = BuildOutput(repositoryRoot, "OrleansDistribution.Api");
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"throughput-{runId}")).FullName;
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["Distribution__Storage"] = mode.ToString(),
            ["Distribution__AdminApiKey"] = adminKey,
            ["Distribution__DataDirectory"] = Path.Combine(directory, "data"),
            ["Distribution__Cluster__ClusterId"] = $"throughput-{runId}",
            ["Distribution__Cluster__SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Distribution__Cluster__GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__OrleansDistribution"] = "Warning",
            ["Logging__LogLevel__Orleans.Runtime.Silo"] = "Warning",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",

            // The --webhook receiver listens on 127.0.0.1; builds without webhooks ignore the setting.
            ["Distribution__Webhooks__AllowPrivateNetworks"] = "true",
        };
        if (postgres is not null)
        {
            environment["ConnectionStrings__Distribution"] = postgres;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        if (mode == StorageMode.Postgres)
        {
            var siloDll = BuildOutput(repositoryRoot, "OrleansDistribution.Silo");
            output.WriteLine("launch: migrating the database (OrleansDistribution.Silo migrate)");
            var migrate = await ToolRunner.RunAsync("dotnet", [siloDll, "migrate"], "Install the .NET SDK.", environment);
            if (migrate.ExitCode != 0)
            {
                throw new SetupException($"migrate exited with {migrate.ExitCode}: {migrate.Error.Trim()} {migrate.Output.Trim()}");
            }
        }

        var baseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        // setsid: a session of its own, so the Ctrl+C meant for the benchmark does not also stop the API under test
        // (the benchmark then reports, and stops the API itself). Started from here, setsid does not fork: same pid.
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(apiDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUri.AbsoluteUri.TrimEnd('/'));
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(Path.Combine(directory, "api.log")) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new SetupException("could not start dotnet");
        var launched = new LaunchedApi(process, log, directory, baseUri, environment);
        process.OutputDataReceived += (_, e) => launched.Write(e.Data);
        process.ErrorDataReceived += (_, e) => launched.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output.WriteLine($"launch: {mode} API pid {process.Id.ToString(CultureInfo.InvariantCulture)} on {baseUri} (data and log in {directory})");
        return launched;
    }

    /// <summary>The last lines the API printed.</summary>
    public string LogTail(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>Stops the API (SIGTERM, then SIGKILL after 20 s) and removes its temp directory (all but the log when <see cref="KeepLog"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await ToolRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], "kill is part of procps.");
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        lock (_logLock)
        {
            _logClosed = true;
            _log.Dispose();
        }

        try
        {
            if (KeepLog && File.Exists(LogPath))
            {
                var kept = _directory + "-api.log";
                File.Move(LogPath, kept, overwrite: true);
                Console.WriteLine($"launch: the API's log is kept at {kept}");
            }

            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: leave the temp directory to the OS.
        }
    }

    private void Write(string? line)
    {
        lock (_logLock)
        {
            if (line is not null && !_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }

    /// <summary>The Release build's dll of <paramref name="project"/> under src/.</summary>
    internal static string BuildOutput(string repositoryRoot, string project)
    {
        var dll = Path.Combine(repositoryRoot, "src", project, "bin", "Release", "net10.0", project + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new SetupException($"{dll} is missing: run `dotnet build -c Release` in {repositoryRoot} first");
    }

    /// <summary>A TCP port free on the loopback interface now.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
