using System.ComponentModel.DataAnnotations;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>POST /v1/orders body. Shape only: SKUs known, priced and in stock are the grains' to check.</summary>
public sealed class SubmitOrderRequest : IRequestExample<SubmitOrderRequest>
{
    /// <summary>Most lines in one order.</summary>
    public const int MaxLines = 500;

    /// <summary>The channel's own order reference (purchase order number).</summary>
    [Required, Identifier(128)]
    public string ChannelOrderRef { get; init; } = "";

    /// <summary>The ordering customer at the partner.</summary>
    [Required, Identifier(128)]
    public string CustomerId { get; init; } = "";

    /// <summary>The lines, 1 to 500.</summary>
    [Required, Length(1, MaxLines), NoNullItems]
    public List<OrderLineInput> Lines { get; init; } = [];

    /// <inheritdoc />
    public static SubmitOrderRequest Example { get; } = new()
    {
        ChannelOrderRef = "PO-2026-0042",
        CustomerId = "CUST-17",
        Lines = [new() { Sku = "SKU-1001", Quantity = 3 }, new() { Sku = "SKU-2002", Quantity = 1 }],
    };

    /// <summary>The validated request as a grain command.</summary>
    public OrderSubmission ToSubmission(string partnerId) =>
        new(partnerId, ChannelOrderRef, CustomerId, [.. Lines.Select(line => new OrderLineRequest(line.Sku, line.Quantity))]);
}
