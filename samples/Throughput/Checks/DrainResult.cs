namespace Throughput.Checks;

/// <summary>
/// How the sampled accepted orders finished their workflow after the load: how many were followed, when the
/// first check ran and when the last one was seen at ReleasedToWarehouse (seconds after the load stopped;
/// the resolution is one polling round), and the status of those that did not get there in time.
/// </summary>
internal sealed record DrainResult(int Sampled, int Released, double FirstCheckSeconds, double Seconds, IReadOnlyDictionary<string, int> NotReleasedByStatus)
{
    /// <summary>Every sampled order got there.</summary>
    public bool Passed => Released == Sampled;
}
