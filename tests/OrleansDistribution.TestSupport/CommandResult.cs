namespace OrleansDistribution.TestSupport;

/// <summary>What a finished external process left behind: its exit code and everything it printed.</summary>
public sealed record CommandResult(
    string FileName,
    IReadOnlyList<string> Arguments,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    TimeSpan Elapsed)
{
    /// <summary>True when the process exited with code 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>The command line as a person would type it, for error messages.</summary>
    public string CommandLine => ProcessRunner.Describe(FileName, Arguments);

    /// <summary>Throws with the full output when the process failed, so a broken tool explains itself in the test log.</summary>
    public CommandResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new InvalidOperationException(
                $"`{CommandLine}` exited with code {ExitCode} after {Elapsed.TotalMilliseconds:F0} ms.{Environment.NewLine}"
                + $"stdout:{Environment.NewLine}{StandardOutput}{Environment.NewLine}"
                + $"stderr:{Environment.NewLine}{StandardError}");
        }

        return this;
    }
}
