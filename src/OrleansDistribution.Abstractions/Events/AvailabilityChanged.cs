namespace OrleansDistribution.Abstractions.Events;

/// <summary>
/// What one partner may promise of a SKU moved by at least its policy's threshold, or crossed zero (v1).
/// Sent only to that partner; other channels' reservations are not in it.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("AvailabilityChanged.v1")]
public sealed record AvailabilityChanged : DistributionEvent
{
    /// <summary>The SKU.</summary>
    [Id(0)] public required string Sku { get; init; }

    /// <summary>The partner told.</summary>
    [Id(1)] public required string PartnerId { get; init; }

    /// <summary>Units the partner may promise now.</summary>
    [Id(2)] public required int AvailableToPromise { get; init; }

    /// <summary>"InStock" or "OutOfStock": the status field every SSE event carries.</summary>
    public string Status => AvailableToPromise > 0 ? "InStock" : "OutOfStock";

    /// <inheritdoc />
    public override string EventType => "AvailabilityChanged";

    /// <inheritdoc />
    public override int SchemaVersion => 1;
}
