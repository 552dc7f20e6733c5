namespace OrleansDistribution.Abstractions.Partners;

/// <summary>
/// A partner's order quota for one UTC day, handed out in leases so no API silo accepts more than the day allows.
/// Key: <c>{partnerId}/{yyyy-MM-dd}</c>.
/// </summary>
public interface IDailyQuotaGrain : IGrainWithStringKey
{
    /// <summary>Grants up to <paramref name="requested"/> orders of a day allowing <paramref name="quota"/>; 0 when it is spent.</summary>
    Task<int> LeaseAsync(int requested, int quota);

    /// <summary>Orders leased so far this day.</summary>
    [ReadOnly]
    Task<int> GetLeasedAsync();
}
