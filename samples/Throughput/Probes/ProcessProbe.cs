using System.Diagnostics;
using System.Globalization;

namespace Throughput.Probes;

/// <summary>
/// Reads a process's CPU time (utime + stime of /proc/&lt;pid&gt;/stat, which is what
/// <see cref="Process.TotalProcessorTime"/> reads on Linux) and VmRSS from /proc/&lt;pid&gt;/status.
/// </summary>
internal sealed class ProcessProbe(int pid)
{
    /// <summary>The process observed.</summary>
    public int Pid { get; } = pid;

    /// <summary>A sample now, or null once the process is gone.</summary>
    public ProcessSample? Sample()
    {
        try
        {
            using var process = Process.GetProcessById(Pid);
            return new ProcessSample(DateTimeOffset.UtcNow, process.TotalProcessorTime, ReadRssBytes() ?? 0);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private long? ReadRssBytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{Pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kilobytes is null ? null : long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
