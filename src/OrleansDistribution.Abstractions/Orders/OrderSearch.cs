namespace OrleansDistribution.Abstractions.Orders;

/// <summary>
/// A search of the order index: every filter that is set must match; results come newest first (creation time, then
/// order ID, both descending), starting after <see cref="After"/>.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("OrderSearch")]
public sealed record OrderSearch
{
    /// <summary>Most orders one search returns.</summary>
    public const int MaxLimit = 200;

    /// <summary>Orders of this partner only; null for every partner (operators only).</summary>
    [Id(0)] public string? PartnerId { get; init; }

    /// <summary>The channel's own order reference, exactly.</summary>
    [Id(1)] public string? ChannelOrderRef { get; init; }

    /// <summary>The partner's customer, exactly.</summary>
    [Id(2)] public string? CustomerId { get; init; }

    /// <summary>Orders in this status now.</summary>
    [Id(3)] public OrderStatus? Status { get; init; }

    /// <summary>Created at or after this time.</summary>
    [Id(4)] public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created before this time.</summary>
    [Id(5)] public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only orders that come after this key (the last of the previous page); null from the newest.</summary>
    [Id(6)] public OrderSearchKey? After { get; init; }

    /// <summary>How many orders to return at most, 1 to <see cref="MaxLimit"/> (the index may be asked for one more).</summary>
    [Id(7)] public int Limit { get; init; } = 50;
}
