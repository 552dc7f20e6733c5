using System.Diagnostics;

namespace OrleansDistribution.TestSupport;

/// <summary>Runs an external program to completion with a timeout, capturing stdout and stderr.</summary>
public static class ProcessRunner
{
    // Once the process has exited its pipes normally close at once; a grandchild that inherited them
    // (a daemon started without redirecting its output) would otherwise hang the caller forever.
    private static readonly TimeSpan OutputDrainGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> (passed as separate argv entries, never
    /// through a shell) and waits for it. A process still running after <paramref name="timeout"/> is killed with its
    /// whole tree and a <see cref="TimeoutException"/> is thrown. A non-zero exit code is returned, not thrown:
    /// call <see cref="CommandResult.EnsureSuccess"/> when failure is unexpected.
    /// </summary>
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var argumentList = arguments.ToList();
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in argumentList)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or FileNotFoundException)
        {
            throw new InvalidOperationException($"Could not start `{Describe(fileName, argumentList)}`: {ex.Message}", ex);
        }

        // Nothing we run reads stdin; closing it stops a tool that unexpectedly prompts from waiting for ever.
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillQuietly(process);
            var partialOut = await TryGetAsync(stdout).ConfigureAwait(false);
            var partialErr = await TryGetAsync(stderr).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException(
                $"`{Describe(fileName, argumentList)}` did not finish within {timeout.TotalSeconds:F0} s and was killed.{Environment.NewLine}"
                + $"stdout:{Environment.NewLine}{partialOut}{Environment.NewLine}stderr:{Environment.NewLine}{partialErr}");
        }

        var output = await TryGetAsync(stdout).ConfigureAwait(false);
        var error = await TryGetAsync(stderr).ConfigureAwait(false);
        return new CommandResult(fileName, argumentList, process.ExitCode, output, error, stopwatch.Elapsed);
    }

    /// <summary>Renders a command line for messages; arguments with spaces are quoted.</summary>
    public static string Describe(string fileName, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { fileName }.Concat(arguments).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));

    private static async Task<string> TryGetAsync(Task<string> read)
    {
        try
        {
            return await read.WaitAsync(OutputDrainGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return "(output still open after the process exited; a child process probably inherited it)";
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited between the timeout and the kill.
        }
    }
}
