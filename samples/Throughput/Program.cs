using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Throughput;
using Throughput.Api;
using Throughput.Options;
using Throughput.Report;

// Figures get pasted side by side from different machines: keep decimal points uniform.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const int ExitPass = 0;
const int ExitCheckFailed = 1;
const int ExitUsageOrSetup = 2;
const int ExitInterrupted = 130;

BenchmarkOptions options;
try
{
    options = OptionsParser.Parse(args, Environment.GetEnvironmentVariable);
}
catch (OptionsException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}\nRun with --help for usage.");
    return ExitUsageOrSetup;
}

if (options.ShowHelp)
{
    Console.WriteLine(OptionsParser.Usage);
    return ExitPass;
}

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C ends the current phase (wrk gets it too and prints what it measured); a second one kills.
    if (!interrupt.IsCancellationRequested)
    {
        e.Cancel = true;
        Console.Error.WriteLine("interrupt: finishing the current phase, then reporting");
        interrupt.Cancel();
    }
};

// Both modes end the same way when setup fails or Ctrl+C comes before anything was measured.
async Task<(T? Result, int? Exit)> GuardedAsync<T>(Func<Task<T>> run)
{
    try
    {
        return (await run(), null);
    }
    catch (SetupException ex)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return (default, ExitUsageOrSetup);
    }
    catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
    {
        Console.Error.WriteLine("interrupted before anything was measured");
        return (default, ExitInterrupted);
    }
}

if (options.Failover)
{
    var (passed, failoverExit) = await GuardedAsync(() => new Throughput.Failover.FailoverRun(options, Console.Out).RunAsync(interrupt.Token));
    return failoverExit ?? (passed ? ExitPass : ExitCheckFailed);
}

var (measured, exit) = await GuardedAsync(() => new BenchmarkRun(options, Console.Out).RunAsync(interrupt.Token));
if (exit is { } code)
{
    return code;
}

var report = measured!;
SummaryPrinter.Print(report, Console.Out);
if (options.JsonPath is { } path)
{
    var json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };
    await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, json));
    Console.WriteLine($"report written to {Path.GetFullPath(path)}");
}

if (report.Interrupted)
{
    return ExitInterrupted;
}

// Speed is reported, never judged by the exit code; correctness is.
var failed = report.Stock is { Passed: false } || report.Drain is { Passed: false } || report.Totals.Failures > 0 || report.LightFailures > 0;
return failed ? ExitCheckFailed : ExitPass;
