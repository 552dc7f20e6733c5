using System.Diagnostics;
using System.Globalization;

namespace Throughput.Launch;

/// <summary>
/// A worker silo (src/OrleansDistribution.Silo, Release build) joining a launched API's cluster: the API's environment
/// with ports of its own. The failover mode kills one with SIGKILL; the rest are stopped with SIGTERM when disposed.
/// </summary>
internal sealed class LaunchedWorker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private bool _logClosed;

    private LaunchedWorker(Process process, StreamWriter log, int siloPort, string logPath)
    {
        _process = process;
        _log = log;
        SiloPort = siloPort;
        LogPath = logPath;
    }

    /// <summary>Its silo-to-silo port (its row in the membership table).</summary>
    public int SiloPort { get; }

    /// <summary>Its process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Its console output.</summary>
    public string LogPath { get; }

    /// <summary>Starts a worker with <paramref name="apiEnvironment"/> and free ports.</summary>
    public static LaunchedWorker Start(string repositoryRoot, IReadOnlyDictionary<string, string> apiEnvironment, string name, TextWriter output)
    {
        var dll = LaunchedApi.BuildOutput(repositoryRoot, "OrleansDistribution.Silo");
        var siloPort = LaunchedApi.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in apiEnvironment)
        {
            start.Environment[key] = value;
        }

        start.Environment["Distribution__Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Distribution__Cluster__GatewayPort"] = LaunchedApi.FreePort().ToString(CultureInfo.InvariantCulture);
        var logPath = Path.Combine(Path.GetTempPath(), $"throughput-{name}-{siloPort.ToString(CultureInfo.InvariantCulture)}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new Api.SetupException("could not start dotnet");
        var worker = new LaunchedWorker(process, log, siloPort, logPath);
        process.OutputDataReceived += (_, e) => worker.Write(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output.WriteLine($"launch: worker silo {name} pid {process.Id.ToString(CultureInfo.InvariantCulture)}, silo port {siloPort.ToString(CultureInfo.InvariantCulture)} (log {logPath})");
        return worker;
    }

    /// <summary>SIGKILL: no goodbye to the cluster, as when its machine dies.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await Tools.ToolRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], "kill is part of procps.");
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        lock (_logLock)
        {
            _logClosed = true;
            _log.Dispose();
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
}
