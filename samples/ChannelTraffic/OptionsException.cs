namespace ChannelTraffic;

/// <summary>A command line the tool cannot run with; reported as a one-line message, never a stack trace.</summary>
public sealed class OptionsException(string message) : Exception(message);
