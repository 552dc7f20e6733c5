namespace OrleansDistribution.TestSupport;

/// <summary>
/// The PostgreSQL server programs installed on this machine, and how to run them: initdb and the postmaster refuse
/// to run as root, so when we are root (as in CI and the dev containers) every call is made as the <c>postgres</c> user.
/// </summary>
internal sealed class PostgresTools
{
    private const string InstallRoot = "/usr/lib/postgresql";
    private const string ServerUser = "postgres";

    private static readonly string[] RunuserCandidates = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"];

    private readonly string? _runuser;

    private PostgresTools(string binDirectory, string version, bool runAsServerUser, string? runuser)
    {
        BinDirectory = binDirectory;
        Version = version;
        RunAsServerUser = runAsServerUser;
        _runuser = runuser;
    }

    /// <summary>Where initdb and pg_ctl live, e.g. <c>/usr/lib/postgresql/15/bin</c>.</summary>
    public string BinDirectory { get; }

    /// <summary>The PostgreSQL major version picked (the highest installed).</summary>
    public string Version { get; }

    /// <summary>True when this process is root and so must hand every server call to the <c>postgres</c> user.</summary>
    public bool RunAsServerUser { get; }

    /// <summary>Finds the highest installed version, or fails saying how to install one.</summary>
    public static async Task<PostgresTools> LocateAsync(CancellationToken cancellationToken)
    {
        var candidates = Directory.Exists(InstallRoot)
            ? Directory.GetDirectories(InstallRoot)
                .Select(dir => (Dir: dir, Version: ParseVersion(Path.GetFileName(dir))))
                .Where(c => c.Version is not null
                    && File.Exists(Path.Combine(c.Dir, "bin", "initdb"))
                    && File.Exists(Path.Combine(c.Dir, "bin", "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL server binaries found: expected initdb and pg_ctl in {InstallRoot}/<version>/bin. "
                + "Install them with `apt-get install postgresql` (Debian/Ubuntu; the tests start their own throwaway "
                + $"server, the system one need not run), or set {PostgresServer.ExternalServerVariable} to an Npgsql "
                + "connection string for a server where the tests may create databases.");
        }

        var (chosenDir, _) = candidates[0];
        var binDirectory = Path.Combine(chosenDir, "bin");
        var version = Path.GetFileName(chosenDir);
        if (!Environment.IsPrivilegedProcess)
        {
            return new PostgresTools(binDirectory, version, runAsServerUser: false, runuser: null);
        }

        var id = await ProcessRunner.RunAsync("id", ["-u", ServerUser], TimeSpan.FromSeconds(10), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!id.Succeeded)
        {
            throw new InvalidOperationException(
                $"Running as root, so the throwaway PostgreSQL must run as the '{ServerUser}' OS user (initdb refuses "
                + $"root), but that user does not exist. `apt-get install postgresql` creates it. ({id.StandardError.Trim()})");
        }

        var runuser = RunuserCandidates.FirstOrDefault(File.Exists);
        return new PostgresTools(binDirectory, version, runAsServerUser: true, runuser);
    }

    /// <summary>Runs one of the server programs (initdb, pg_ctl) as the right user.</summary>
    public Task<CommandResult> RunAsync(
        string program,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var path = Path.Combine(BinDirectory, program);
        if (!RunAsServerUser)
        {
            return ProcessRunner.RunAsync(path, arguments, timeout, workingDirectory, cancellationToken);
        }

        if (_runuser is not null)
        {
            // runuser takes argv as is, so no shell quoting can go wrong.
            return ProcessRunner.RunAsync(
                _runuser, ["-u", ServerUser, "--", path, .. arguments], timeout, workingDirectory, cancellationToken);
        }

        var script = string.Join(' ', new[] { path }.Concat(arguments).Select(ShellQuote));
        return ProcessRunner.RunAsync(
            "su", [ServerUser, "-s", "/bin/sh", "-c", script], timeout, workingDirectory, cancellationToken);
    }

    /// <summary>Makes a directory we created usable by the server: when root, it must belong to <c>postgres</c>.</summary>
    public async Task HandOverAsync(string directory, CancellationToken cancellationToken)
    {
        if (!RunAsServerUser)
        {
            return;
        }

        (await ProcessRunner.RunAsync(
                "chown", [$"{ServerUser}:", directory], TimeSpan.FromSeconds(10), cancellationToken: cancellationToken)
            .ConfigureAwait(false)).EnsureSuccess();
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static Version? ParseVersion(string name)
    {
        // Debian names the folders by major version: "15", "16", or "9.6" for old releases.
        var parts = name.Split('.');
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], out var major))
        {
            return null;
        }

        var minor = 0;
        if (parts.Length == 2 && !int.TryParse(parts[1], out minor))
        {
            return null;
        }

        return new Version(major, minor);
    }
}
