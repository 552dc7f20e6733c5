namespace ChannelTraffic;

/// <param name="Body">Serialized once so every resubmission sends byte-identical JSON (a different body is a 422, not a replay).</param>
/// <param name="SubmissionCount">How many times this key is sent; more than one means a 409 "still in flight" is allowed.</param>
public sealed record PlannedOrder(int Sequence, string IdempotencyKey, string ChannelOrderRef, byte[] Body, int LineCount, int SubmissionCount);
