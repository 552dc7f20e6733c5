namespace Throughput.Checks;

/// <summary>
/// The oversell check over every order of the run and, when a counting phase ran (<see cref="Exact"/>), the
/// exact reservation check over the counting phases (see <see cref="SkuStock"/>).
/// </summary>
internal sealed record StockResult(IReadOnlyList<SkuStock> Skus, bool Exact, int UnsettledRequests, bool ReadingsSettled)
{
    /// <summary>SKUs with more promised than stocked.</summary>
    public int Oversold => Skus.Count(s => s.Oversold);

    /// <summary>SKUs whose reservation grew by something else than what the counting phases' accepted responses reserved.</summary>
    public int Mismatched => Skus.Count(s => !s.Matches);

    /// <summary>
    /// Nothing oversold and every reservation accounted for. Requests whose outcome stayed unknown (no answer
    /// even to the resend) make a mismatch inconclusive rather than a failure; readings taken while the
    /// API had not settled make the accounting unverifiable, which fails.
    /// </summary>
    public bool Passed => Oversold == 0 && (!Exact || (ReadingsSettled && (Mismatched == 0 || UnsettledRequests > 0)));

    /// <summary>One word for the exact check.</summary>
    public string Verdict => !Exact ? "not checked (no verified phase or open loop)"
        : !ReadingsSettled ? "NOT EXACT (reservations were still changing when read)"
        : Mismatched == 0 ? "every reservation accounted for"
        : UnsettledRequests > 0 ? "inconclusive (unsettled requests)"
        : "MISMATCH";
}
