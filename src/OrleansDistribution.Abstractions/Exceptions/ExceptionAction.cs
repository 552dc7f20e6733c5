namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>What an operator decides for an exception by hand.</summary>
[GenerateSerializer]
[Alias("ExceptionAction")]
public enum ExceptionAction
{
    /// <summary>Cancel the order (compensating what downstream systems already did).</summary>
    Cancel = 0,

    /// <summary>Treat the failed step as done by hand (e.g. keyed into the ERP) and continue after it.</summary>
    Skip = 1,

    /// <summary>Lift the hold and run the failed step again.</summary>
    Release = 2,
}
