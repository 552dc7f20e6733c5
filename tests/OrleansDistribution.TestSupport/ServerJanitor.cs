using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace OrleansDistribution.TestSupport;

/// <summary>
/// Keeps throwaway servers from outliving their test process. A server the process forgot to dispose is killed when
/// the process exits normally or on SIGTERM, SIGHUP or SIGINT; one orphaned by a hard kill (SIGKILL, a crashed test
/// host) is found and removed by the next test run through <see cref="SweepLeftoversAsync"/>.
/// </summary>
internal static class ServerJanitor
{
    /// <summary>Every throwaway server lives in <c>{temp}/odtest-pg-*</c>; such a folder may be deleted by hand.</summary>
    public const string DirectoryPrefix = "odtest-pg-";

    /// <summary>The file in a server's folder naming the test process that owns it.</summary>
    public const string OwnerFileName = "owner.pid";

    // A folder without an owner file is either being set up right now or was abandoned mid-setup; only the second
    // kind is old.
    private static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(10);

    private static readonly ConcurrentDictionary<PostgresServer, byte> Live = new();

    // Held for the life of the process: a collected registration unregisters its handler.
    private static readonly List<PosixSignalRegistration> SignalRegistrations = [];

    private static int _hooked;

    /// <summary>
    /// Hooks process exit and termination signals, once per process. Called before a server is set up, so a signal
    /// arriving mid-setup is already handled.
    /// </summary>
    public static void InstallExitHooks()
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        // The runtime does not raise ProcessExit when it dies of an unhandled exception.
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.IsTerminating)
            {
                KillAll();
            }
        };
        // Since .NET 10 a termination signal no longer raises ProcessExit: the process just dies, and a postmaster
        // started with pg_ctl is not its child, so it would run on. The handlers do not cancel the signal, so the
        // process still terminates as it would have.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGINT })
            {
                SignalRegistrations.Add(PosixSignalRegistration.Create(signal, _ => KillAll()));
            }
        }
    }

    /// <summary>Remembers a running server so a process exit without dispose still stops it.</summary>
    public static void Track(PostgresServer server)
    {
        InstallExitHooks();
        Live.TryAdd(server, 0);
    }

    /// <summary>Forgets a server that was disposed properly.</summary>
    public static void Untrack(PostgresServer server) => Live.TryRemove(server, out _);

    /// <summary>Writes this process's id into a fresh server folder so later runs can tell whether it is orphaned.</summary>
    public static void ClaimDirectory(string directory) =>
        File.WriteAllText(
            Path.Combine(directory, OwnerFileName),
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Stops and deletes servers left in the temp folder by test processes that no longer exist. Best effort:
    /// a folder that cannot be cleaned is left for the next run.
    /// </summary>
    public static async Task SweepLeftoversAsync(PostgresTools tools, CancellationToken cancellationToken)
    {
        string[] candidates;
        try
        {
            candidates = Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var directory in candidates)
        {
            if (!IsOrphaned(directory))
            {
                continue;
            }

            var dataDirectory = Path.Combine(directory, PostgresServer.DataDirectoryName);
            if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
            {
                try
                {
                    await tools.RunAsync(
                            "pg_ctl",
                            ["stop", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "10"],
                            directory,
                            TimeSpan.FromSeconds(20),
                            cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
                {
                    // Best effort; the folder is removed below regardless and the process dies with the next reboot.
                }
            }

            DeleteDirectory(directory);
        }
    }

    /// <summary>Deletes a server folder, retrying briefly because a just-stopped postmaster may still be closing files.</summary>
    public static void DeleteDirectory(string directory)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100 * (attempt + 1));
            }
        }
    }

    private static void KillAll()
    {
        foreach (var server in Live.Keys)
        {
            server.KillForProcessExit();
        }
    }

    private static bool IsOrphaned(string directory)
    {
        var ownerFile = Path.Combine(directory, OwnerFileName);
        try
        {
            if (!File.Exists(ownerFile))
            {
                return DateTime.UtcNow - Directory.GetLastWriteTimeUtc(directory) > OrphanAge;
            }

            if (!int.TryParse(File.ReadAllText(ownerFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return true;
            }

            if (pid == Environment.ProcessId)
            {
                return false;
            }

            using var owner = Process.GetProcessById(pid);
            // A process started after the folder was claimed is a stranger that reused the id.
            return owner.StartTime.ToUniversalTime() > File.GetLastWriteTimeUtc(ownerFile).AddSeconds(1);
        }
        catch (ArgumentException)
        {
            // GetProcessById: no such process, so the owner is gone.
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return false;
        }
    }
}
