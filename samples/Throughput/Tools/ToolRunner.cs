using System.ComponentModel;
using System.Diagnostics;
using Throughput.Api;

namespace Throughput.Tools;

/// <summary>Runs wrk, pgbench, kill and dotnet as child processes and collects their output.</summary>
internal static class ToolRunner
{
    /// <summary>
    /// Runs to completion. Ctrl+C reaches the child too (same process group), so an interrupted wrk still
    /// prints what it measured; <paramref name="hint"/> says how to install the tool when it is missing.
    /// </summary>
    public static async Task<ToolResult> RunAsync(
        string fileName, IEnumerable<string> arguments, string hint, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SetupException($"could not start {fileName}");
        }
        catch (Win32Exception ex)
        {
            throw new SetupException($"cannot run {fileName}: {ex.Message}. {hint}");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return new ToolResult(process.ExitCode, await output, await error);
        }
    }
}
