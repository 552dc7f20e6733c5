namespace Throughput.Checks;

/// <summary>
/// How the sampled accepted orders finished their workflow after the load: how many were followed, how long
/// until the last reached ReleasedToWarehouse, and the status of those that did not in time.
/// </summary>
internal sealed record DrainResult(int Sampled, int Released, double Seconds, IReadOnlyDictionary<string, int> NotReleasedByStatus)
{
    /// <summary>Every sampled order got there.</summary>
    public bool Passed => Released == Sampled;
}
