namespace OrleansDistribution.Domain.Partners;

/// <summary>
/// The daily order quota: which UTC day an order counts to, how much of a quota one API silo leases at a time, how
/// much the day still grants (never more than the quota, whatever silos ask), and when a spent quota renews.
/// </summary>
public static class DailyQuota
{
    /// <summary>Largest lease: a silo asks the quota grain at most once per this many orders.</summary>
    public const int MaxLease = 1_000;

    /// <summary>The UTC day an order at <paramref name="now"/> counts to.</summary>
    public static DateOnly DayOf(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    /// <summary>
    /// What a silo leases at once: a hundredth of the quota (1 to <see cref="MaxLease"/>), so a busy partner costs one
    /// grain call per chunk while at most a hundredth per silo sits unused at the end of the day.
    /// </summary>
    public static int LeaseSize(int quota) => Math.Clamp(quota / 100, 1, MaxLease);

    /// <summary>How many of <paramref name="requested"/> the day grants when <paramref name="leased"/> were granted already.</summary>
    public static int Grant(int leased, int requested, int quota) => Math.Max(0, Math.Min(requested, quota - leased));

    /// <summary>The key of the grain that grants a partner's quota on a UTC day: <c>{partnerId}/{yyyy-MM-dd}</c>.</summary>
    public static string GrainKey(string partnerId, DateOnly day) =>
        $"{partnerId}/{day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Whole seconds from <paramref name="now"/> to the next UTC midnight (at least 1): the Retry-After of a spent quota.</summary>
    public static int SecondsUntilRenewal(DateTimeOffset now)
    {
        var midnight = new DateTimeOffset(DayOf(now).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return Math.Max(1, (int)Math.Ceiling((midnight - now).TotalSeconds));
    }
}
