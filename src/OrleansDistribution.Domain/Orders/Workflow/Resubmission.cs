namespace OrleansDistribution.Domain.Orders.Workflow;

/// <summary>What a submission under an Idempotency-Key that already has an order means.</summary>
public enum Resubmission
{
    /// <summary>Same body within the retention: answer with the first response again.</summary>
    Replay,

    /// <summary>A different body under the same key within the retention: refused.</summary>
    DifferentBody,

    /// <summary>The key's retention ran out: the submission is a new order (next key generation).</summary>
    Expired,
}
