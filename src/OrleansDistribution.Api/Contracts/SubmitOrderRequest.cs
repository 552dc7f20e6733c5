using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansDistribution.Abstractions.Orders;

namespace OrleansDistribution.Api.Contracts;

/// <summary>POST /v1/orders body.</summary>
public sealed record SubmitOrderRequest(string? ChannelOrderRef, string? CustomerId, List<OrderLineInput?>? Lines)
{
    /// <summary>Most lines in one order.</summary>
    public const int MaxLines = 500;

    /// <summary>Largest quantity on one line.</summary>
    public const int MaxQuantity = 1_000_000;

    /// <summary>Checks shape; invariants (SKUs known, priced, in stock) are the grains' to check.</summary>
    public Validation Validate()
    {
        var validation = new Validation();
        validation.RequireIdentifier("channelOrderRef", ChannelOrderRef, 128);
        validation.RequireIdentifier("customerId", CustomerId, 128);
        if (Lines is null || Lines.Count == 0)
        {
            validation.Add("lines", "At least one line is required.");
            return validation;
        }

        if (Lines.Count > MaxLines)
        {
            validation.Add("lines", $"At most {MaxLines} lines.");
            return validation;
        }

        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            if (line is null)
            {
                validation.Add($"lines[{i}]", "Required.");
                continue;
            }

            validation.RequireIdentifier($"lines[{i}].sku", line.Sku, 64);
            if (line.Quantity is null or < 1 or > MaxQuantity)
            {
                validation.Add($"lines[{i}].quantity", $"Required, between 1 and {MaxQuantity}.");
            }
        }

        return validation;
    }

    /// <summary>The validated request as a grain command.</summary>
    public OrderSubmission ToSubmission(string partnerId) =>
        new(partnerId, ChannelOrderRef!, CustomerId!, [.. Lines!.Select(line => new OrderLineRequest(line!.Sku!, line.Quantity!.Value))]);

    /// <summary>
    /// Hash of the request's meaning (not its bytes): whitespace, property order and unknown fields do not
    /// make a resubmission "different".
    /// </summary>
    public string Fingerprint()
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new
        {
            c = ChannelOrderRef,
            u = CustomerId,
            l = Lines!.Select(line => new { s = line!.Sku, q = line.Quantity }),
        });
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }
}
