using System.Text.Json.Serialization;

namespace ErpSimulator.Contracts;

/// <summary>Answer to <c>GET /erp/customers/{customerId}</c>.</summary>
public sealed record CustomerResponse(
    string CustomerId,
    bool Active,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);
