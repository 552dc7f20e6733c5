using System.Runtime.InteropServices;

namespace ChannelTraffic;

/// <summary>Numbers are only comparable on like machines, so every summary says where it was measured.</summary>
public sealed record MachineInfo(string MachineName, int ProcessorCount, string Os, string Architecture, string Runtime)
{
    public static MachineInfo Current() => new(
        Environment.MachineName,
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription);
}
