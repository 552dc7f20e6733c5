namespace Throughput.Api;

/// <summary>
/// What one POST /v1/orders came back with. Status 0 means no HTTP answer (timeout, connection failure);
/// OrderStatus, OrderId, Sku and Quantity are read from a 201's body; Error is the transport error, or the
/// start of a non-201 body.
/// </summary>
internal sealed record SubmitOutcome(int Status, string? OrderStatus, string? OrderId, string? Sku, int Quantity, bool Replayed, string? Error)
{
    /// <summary>No HTTP response at all.</summary>
    public static SubmitOutcome NoResponse(string error) => new(0, null, null, null, 0, false, error);
}
