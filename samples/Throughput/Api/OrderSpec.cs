using System.Text;

namespace Throughput.Api;

/// <summary>
/// One order submission: its Idempotency-Key (also its channelOrderRef and correlation ID) and its one line.
/// Enough to send it again with the same meaning, which is how in-flight requests are settled.
/// </summary>
internal sealed record OrderSpec(string Key, string Sku, int Quantity, string CustomerId)
{
    /// <summary>The JSON body; the wrk script writes the same one.</summary>
    public byte[] Body() => Encoding.UTF8.GetBytes(
        $$"""{"channelOrderRef":"{{Key}}","customerId":"{{CustomerId}}","lines":[{"sku":"{{Sku}}","quantity":{{Quantity}}}]}""");
}
