using System.Text.Json.Serialization;
using OrleansDistribution.Abstractions.Exceptions;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// An open exception as operators see it. <c>subject</c> says what it is about: an <c>order</c> (with its
/// <c>orderId</c> and <c>partnerId</c>) or a <c>sku</c> (with <c>sku</c>; <c>orderId</c> and <c>partnerId</c> are
/// null), such as an InventoryDrift.
/// </summary>
public sealed record ExceptionResponse(
    string ExceptionId, string? OrderId, string? PartnerId, string Type, string Step, int Attempts, string LastError, string CorrelationId, DateTimeOffset RaisedAt)
{
    /// <summary>The subject of an order's exception.</summary>
    public const string OrderSubject = "order";

    /// <summary>The subject of a SKU's exception.</summary>
    public const string SkuSubject = "sku";

    /// <summary><c>order</c> or <c>sku</c>: what the exception is about.</summary>
    public string Subject { get; init; } = OrderSubject;

    /// <summary>The SKU of an exception about a SKU.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sku { get; init; }

    /// <summary>Maps a queue entry.</summary>
    public static ExceptionResponse From(ExceptionEntry e) => e.Sku is { } sku
        ? new(e.ExceptionId, null, null, e.Type, e.Step, e.Attempts, e.LastError, e.CorrelationId, e.RaisedAt) { Subject = SkuSubject, Sku = sku }
        : new(e.ExceptionId, e.OrderId, e.PartnerId, e.Type, e.Step, e.Attempts, e.LastError, e.CorrelationId, e.RaisedAt);
}
