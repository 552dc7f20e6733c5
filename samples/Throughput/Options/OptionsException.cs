namespace Throughput.Options;

/// <summary>A command line that cannot be run; the message says why.</summary>
internal sealed class OptionsException(string message) : Exception(message);
