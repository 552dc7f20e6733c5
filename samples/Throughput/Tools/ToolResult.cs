namespace Throughput.Tools;

/// <summary>How an external tool ended and what it printed.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error);
