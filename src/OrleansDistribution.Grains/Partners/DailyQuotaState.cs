namespace OrleansDistribution.Grains.Partners;

/// <summary>Persisted count of one partner's orders leased to API silos on one UTC day.</summary>
[GenerateSerializer]
[Alias("DailyQuotaState.v1")]
public sealed class DailyQuotaState
{
    /// <summary>Orders granted so far; never more than the quota at the time of each grant.</summary>
    [Id(0)] public int Leased { get; set; }
}
