using System.Globalization;
using System.Text.Json;
using ChannelTraffic.Contracts;

namespace ChannelTraffic;

public static class Program
{
    private const int ExitPass = 0;
    private const int ExitFail = 1;
    private const int ExitUsageOrSetup = 2;
    private const int ExitInterrupted = 130;

    public static async Task<int> Main(string[] args)
    {
        // Summaries get pasted side by side from different machines; keep decimal points and dates uniform.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        TrafficOptions options;
        try
        {
            options = OptionsParser.Parse(args, Environment.GetEnvironmentVariable);
        }
        catch (OptionsException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            Console.Error.WriteLine("Run with --help for usage.");
            return ExitUsageOrSetup;
        }

        if (options.ShowHelp)
        {
            Console.WriteLine(OptionsParser.Usage);
            return ExitPass;
        }

        using var interrupt = new CancellationTokenSource();
        void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
        {
            // Let the run wind down and still print what it measured; a second Ctrl+C kills the process.
            if (!interrupt.IsCancellationRequested)
            {
                e.Cancel = true;
                Console.Error.WriteLine("interrupt: stopping, waiting for in-flight requests...");
                interrupt.Cancel();
            }
        }

        Console.CancelKeyPress += OnCancelKeyPress;
        try
        {
            return await RunAsync(options, interrupt.Token);
        }
        catch (TrafficSetupException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitUsageOrSetup;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            Console.Error.WriteLine("interrupted during setup; nothing measured");
            return ExitInterrupted;
        }
        catch (IOException ex) when (options.JsonOutputPath is not null)
        {
            Console.Error.WriteLine($"error: cannot write {options.JsonOutputPath}: {ex.Message}");
            return ExitUsageOrSetup;
        }
        catch (UnauthorizedAccessException ex) when (options.JsonOutputPath is not null)
        {
            Console.Error.WriteLine($"error: cannot write {options.JsonOutputPath}: {ex.Message}");
            return ExitUsageOrSetup;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }
    }

    private static async Task<int> RunAsync(TrafficOptions options, CancellationToken interrupt)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var machine = MachineInfo.Current();
        var plan = TrafficPlan.Create(options);
        var output = Console.Out;

        output.WriteLine($"ChannelTraffic run {plan.RunId} -> {options.BaseUri}");
        output.WriteLine($"machine: {machine.ProcessorCount} logical processors, {machine.Os} {machine.Architecture}, {machine.Runtime}");
        output.WriteLine(
            $"plan: {plan.Submissions.Count} submissions ({plan.UniqueOrders} orders + {plan.DuplicateSubmissions} duplicates), "
            + $"{options.Concurrency} workers, {plan.Skus.Count} SKUs ({options.HotSkus} hot, {options.HotShare:0.##} of lines), seed {plan.Seed}");

        using var http = HttpClientFactory.Create(options);
        var api = new ApiClient(http, options.AdminKey!);

        var onboarding = await Onboarding.RunAsync(api, plan, options, output, interrupt);

        output.WriteLine($"traffic: sending {plan.Submissions.Count} submissions as partner {plan.PartnerId}");
        var run = await new TrafficRunner(api, options, output).RunAsync(plan, onboarding.PartnerKey, interrupt);

        var summary = RunSummary.Create(options, plan, onboarding, run, machine, startedAt);
        SummaryPrinter.Print(summary, output);

        if (options.JsonOutputPath is { } path)
        {
            await File.WriteAllBytesAsync(path, JsonSerializer.SerializeToUtf8Bytes(summary, JsonDefaults.Report), CancellationToken.None);
            output.WriteLine($"summary written to {Path.GetFullPath(path)}");
        }

        if (summary.Interrupted)
        {
            return ExitInterrupted;
        }

        return summary.Passed ? ExitPass : ExitFail;
    }
}
