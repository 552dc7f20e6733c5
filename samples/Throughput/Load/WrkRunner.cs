using System.Globalization;
using Throughput.Api;
using Throughput.Tools;

namespace Throughput.Load;

/// <summary>Runs wrk (closed loop, at maximum rate) with the generated order script, or plain GETs of a URL.</summary>
internal sealed class WrkRunner(int threads, int connections, int timeoutSeconds)
{
    private const string Hint = "Install it with `apt-get install wrk`.";

    private readonly int _threads = threads;
    private readonly int _connections = connections;
    private readonly int _timeoutSeconds = timeoutSeconds;

    /// <summary>One phase of order load; <paramref name="phase"/> goes into every Idempotency-Key it sends.</summary>
    public async Task<WrkResult> RunOrdersAsync(WrkOrderScript script, string phase, int seconds) =>
        WrkOutputParser.Parse(await RunAsync(script.OrdersUri, seconds, ["-s", script.Path], ["--", phase]), script.Fixture, phase);

    /// <summary>Plain GETs of <paramref name="uri"/> (the /health/live baseline).</summary>
    public async Task<WrkResult> RunPlainAsync(Uri uri, int seconds) => WrkOutputParser.Parse(await RunAsync(uri, seconds, [], []));

    private async Task<string> RunAsync(Uri uri, int seconds, string[] script, string[] scriptArguments)
    {
        var c = CultureInfo.InvariantCulture;
        string[] arguments =
        [
            "-t", _threads.ToString(c), "-c", _connections.ToString(c), "-d", $"{seconds.ToString(c)}s",
            "--timeout", $"{_timeoutSeconds.ToString(c)}s", "--latency", .. script, uri.AbsoluteUri, .. scriptArguments,
        ];
        var result = await ToolRunner.RunAsync("wrk", arguments, Hint);
        if (result.ExitCode != 0)
        {
            throw new SetupException($"wrk exited with {result.ExitCode}: {result.Error.Trim()} {result.Output.Trim()}");
        }

        if (result.Error.Contains("PANIC", StringComparison.Ordinal) || result.Error.Contains(".lua:", StringComparison.Ordinal))
        {
            throw new SetupException($"the generated wrk script failed: {result.Error.Trim()}");
        }

        return result.Output;
    }
}
