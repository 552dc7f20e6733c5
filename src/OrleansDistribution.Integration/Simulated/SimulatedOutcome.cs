namespace OrleansDistribution.Integration.Simulated;

/// <summary>What a simulated system does with one request, decided by the faults in force.</summary>
public enum SimulatedOutcome
{
    /// <summary>Act and answer.</summary>
    Proceed,

    /// <summary>Act, then lose the response.</summary>
    ProceedThenDropResponse,

    /// <summary>Answer 500 without acting.</summary>
    Error,

    /// <summary>Answer 503: the system is down.</summary>
    Down,

    /// <summary>Refuse for a business reason (422).</summary>
    Reject,
}
