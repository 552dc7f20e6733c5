namespace OrleansDistribution.Abstractions.Webhooks;

/// <summary>One attempt to deliver one event to an endpoint, as the delivery log shows it.</summary>
/// <param name="At">When the attempt started.</param>
/// <param name="EventId">The event (and the <c>webhook-id</c> header), the same on every attempt of it.</param>
/// <param name="EventType">The event's type.</param>
/// <param name="Cursor">The event's position in the partner's feed.</param>
/// <param name="Attempt">1 for the first attempt of the event, counting on across retries.</param>
/// <param name="Outcome">Delivered, failed (retried later) or parked.</param>
/// <param name="StatusCode">The HTTP status the endpoint answered; null when no answer came (timeout, connection refused, circuit open).</param>
/// <param name="LatencyMs">How long the attempt took, in milliseconds.</param>
/// <param name="Error">Why it failed; null when delivered.</param>
/// <param name="Replay">True when an operator's retry of the parked event made the attempt.</param>
[GenerateSerializer, Immutable]
[Alias("WebhookDeliveryAttempt")]
public sealed record WebhookDeliveryAttempt(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string EventId,
    [property: Id(2)] string EventType,
    [property: Id(3)] string Cursor,
    [property: Id(4)] int Attempt,
    [property: Id(5)] WebhookAttemptOutcome Outcome,
    [property: Id(6)] int? StatusCode,
    [property: Id(7)] double LatencyMs,
    [property: Id(8)] string? Error,
    [property: Id(9)] bool Replay);
