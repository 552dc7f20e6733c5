using System.Globalization;

namespace Throughput.Probes;

/// <summary>
/// Finds the process listening on a TCP port the Linux way: the socket's inode from /proc/net/tcp(6),
/// then the process holding a file descriptor on <c>socket:[inode]</c> in /proc/*/fd.
/// </summary>
internal static class ApiProcessLocator
{
    private const string Listen = "0A";

    /// <summary>The pid, or null when not found (not Linux, not permitted, nothing listening).</summary>
    public static int? FindListener(int port)
    {
        var inodes = ListeningInodes(port);
        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var directory in SafeEnumerate("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            foreach (var fd in SafeEnumerate(Path.Combine(directory, "fd")))
            {
                var target = SafeLinkTarget(fd);
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]))
                {
                    return pid;
                }
            }
        }

        return null;
    }

    private static HashSet<string> ListeningInodes(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == Listen && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal))
                {
                    inodes.Add(fields[9]);
                }
            }
        }

        return inodes;
    }

    private static IEnumerable<string> SafeEnumerate(string directory)
    {
        try
        {
            return Directory.GetFileSystemEntries(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? SafeLinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
