namespace ChannelTraffic;

/// <summary>
/// The target could not be prepared (unreachable, not ready, key rejected, onboarding refused).
/// Carries a message written for the person at the console, so Program prints it without a stack trace.
/// </summary>
public sealed class TrafficSetupException(string message) : Exception(message);
