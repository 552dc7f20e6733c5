namespace ChannelTraffic;

public sealed record ErrorSample(string Status, string Detail, int Count, string ExampleCorrelationId);
