namespace Throughput.Api;

/// <summary>The run cannot start or go on (API unreachable, key refused, tool missing); the message says what to do.</summary>
internal sealed class SetupException(string message) : Exception(message);
