namespace Throughput.Checks;

/// <summary>The oversell and reservation check over every SKU of the run.</summary>
internal sealed record StockResult(IReadOnlyList<SkuStock> Skus, int UnsettledRequests)
{
    /// <summary>SKUs with more accepted than stocked.</summary>
    public int Oversold => Skus.Count(s => s.Oversold);

    /// <summary>SKUs whose reservation differs from what the accepted responses reserved.</summary>
    public int Mismatched => Skus.Count(s => !s.Matches);

    /// <summary>
    /// Nothing oversold and every reservation accounted for. Requests whose outcome stayed unknown (no answer
    /// even to the resend) make a mismatch inconclusive rather than a failure.
    /// </summary>
    public bool Passed => Oversold == 0 && (Mismatched == 0 || UnsettledRequests > 0);
}
