namespace ChannelTraffic;

public sealed record PlannedSubmission(int Index, PlannedOrder Order, bool IsDuplicate, string CorrelationId);
