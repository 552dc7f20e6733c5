using System.Text.Json.Serialization;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Domain.Inventory;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// A SKU's position. The operator sees the whole breakdown (<c>onHand − reserved − safetyStock = available</c>, and
/// per channel its buffer, share limit and promise); a partner sees on-hand (v1 has it), what it may promise
/// (<c>availableToPromise</c>, also in <c>available</c>) and its own reservations (<c>reserved</c>), never other
/// channels' reservations, buffers or policies. <c>explanation</c> says how the figure came about.
/// </summary>
public sealed record InventoryResponse(
    string Sku,
    int OnHand,
    int Reserved,
    int Available,
    DateTimeOffset UpdatedAt,
    string Explanation,
    ErpSyncResponseStatus Erp)
{
    /// <summary>Units no channel may promise (operator view).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SafetyStock { get; init; }

    /// <summary>Units orders wait for (operator view).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Backordered { get; init; }

    /// <summary>Per channel trading the SKU: its reservations, buffer, share limit and promise (operator view).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ChannelAvailabilityResponse>? Channels { get; init; }

    /// <summary>What the calling partner may promise now (partner view).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? AvailableToPromise { get; init; }

    /// <summary>Most units of the SKU the calling partner may put in one order, when limited (partner view).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxPerOrder { get; init; }

    /// <summary>The operator's view.</summary>
    public static InventoryResponse From(InventorySnapshot snapshot, DateTimeOffset now) =>
        new(snapshot.Sku, snapshot.OnHand, snapshot.Reserved, snapshot.Available, snapshot.UpdatedAt,
            $"{snapshot.OnHand} on hand − {snapshot.Reserved} reserved − {snapshot.SafetyStock} safety stock = {snapshot.Available} available",
            ErpSyncResponseStatus.From(snapshot.Erp, now))
        {
            SafetyStock = snapshot.SafetyStock,
            Backordered = snapshot.Backordered,
            Channels = [.. snapshot.ChannelPolicies.Keys.Union(snapshot.ReservedByChannel.Keys).Order(StringComparer.Ordinal)
                .Select(partnerId => ChannelAvailabilityResponse.From(partnerId, snapshot.ChannelPolicies.GetValueOrDefault(partnerId) ?? InventoryPolicy.Default, snapshot))],
        };

    /// <summary>A partner's view under its policy.</summary>
    public static InventoryResponse ForChannel(InventorySnapshot snapshot, string partnerId, InventoryPolicy policy, DateTimeOffset now)
    {
        var availability = Availability(snapshot, partnerId, policy);
        return new InventoryResponse(snapshot.Sku, snapshot.OnHand, availability.ReservedByChannel, availability.AvailableToPromise, snapshot.UpdatedAt,
            ChannelAvailabilityResponse.ExplainToChannel(availability), ErpSyncResponseStatus.From(snapshot.Erp, now))
        {
            AvailableToPromise = availability.AvailableToPromise,
            MaxPerOrder = policy.MaxPerOrder,
        };
    }

    /// <summary>A channel's availability under its policy.</summary>
    internal static ChannelAvailability Availability(InventorySnapshot snapshot, string partnerId, InventoryPolicy policy) =>
        ChannelAvailability.Of(snapshot.OnHand, snapshot.Reserved, snapshot.SafetyStock, snapshot.ReservedByChannel.GetValueOrDefault(partnerId), policy);
}

/// <summary>One channel's terms in the operator's breakdown.</summary>
public sealed record ChannelAvailabilityResponse(
    string PartnerId, int Reserved, decimal Share, int ShareLimit, int Buffer, int AvailableToPromise, int? MaxPerOrder, string Explanation)
{
    /// <summary>Maps a channel's availability.</summary>
    public static ChannelAvailabilityResponse From(string partnerId, InventoryPolicy policy, InventorySnapshot snapshot)
    {
        var availability = InventoryResponse.Availability(snapshot, partnerId, policy);
        return new(partnerId, availability.ReservedByChannel, policy.Share, availability.ShareLimit,
            availability.Buffer, availability.AvailableToPromise, availability.MaxPerOrder,
            $"min({availability.Available} available − {availability.Buffer} buffer, {availability.ShareLimit} share limit − {availability.ReservedByChannel} reserved) = {availability.AvailableToPromise}");
    }

    /// <summary>The explanation a partner gets: its own terms, not other channels' figures.</summary>
    public static string ExplainToChannel(ChannelAvailability availability)
    {
        var byShare = availability.ShareLimit - availability.ReservedByChannel;
        return byShare <= availability.Available - availability.Buffer
            ? $"{availability.ShareLimit} your share limit − {availability.ReservedByChannel} you hold = {availability.AvailableToPromise}"
            : $"{availability.AvailableToPromise} left for you after reservations and safety stock";
    }
}

/// <summary>How current on-hand is with the ERP: its newest statement's sequence and time, lag and age of the last confirmation.</summary>
public sealed record ErpSyncResponseStatus(
    long? Sequence, DateTimeOffset? AsOf, DateTimeOffset? AppliedAt, DateTimeOffset? ConfirmedAt, double? LagSeconds, double? ConfirmationAgeSeconds, long ShippedSinceErp)
{
    /// <summary>Maps the ERP status at <paramref name="now"/>.</summary>
    public static ErpSyncResponseStatus From(ErpSyncStatus status, DateTimeOffset now) =>
        new(status.Sequence, status.AsOf, status.AppliedAt, status.ConfirmedAt,
            status is { AsOf: { } asOf, AppliedAt: { } appliedAt } ? Math.Max(0, Math.Round((appliedAt - asOf).TotalSeconds, 3)) : null,
            status.ConfirmedAt is { } confirmed ? Math.Max(0, Math.Round((now - confirmed).TotalSeconds, 3)) : null,
            status.ShippedSinceErp);
}
