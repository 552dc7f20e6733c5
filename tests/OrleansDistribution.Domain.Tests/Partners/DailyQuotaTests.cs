using OrleansDistribution.Domain.Partners;

namespace OrleansDistribution.Domain.Tests.Partners;

public sealed class DailyQuotaTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(99, 1)]
    [InlineData(250, 2)]
    [InlineData(50_000, 500)]
    [InlineData(10_000_000, DailyQuota.MaxLease)]
    public void LeaseSize_AHundredthClampedToOneAndMax(int quota, int expected) =>
        Assert.Equal(expected, DailyQuota.LeaseSize(quota));

    [Theory]
    [InlineData(0, 10, 25, 10)]
    [InlineData(20, 10, 25, 5)]
    [InlineData(25, 10, 25, 0)]
    [InlineData(30, 10, 25, 0)]
    public void Grant_NeverBeyondTheQuota(int leased, int requested, int quota, int expected) =>
        Assert.Equal(expected, DailyQuota.Grant(leased, requested, quota));

    [Fact]
    public void SecondsUntilRenewal_IsTheTimeToTheNextUtcMidnight_AtLeastOne()
    {
        Assert.Equal(3_600, DailyQuota.SecondsUntilRenewal(new DateTimeOffset(2026, 12, 2, 23, 0, 0, TimeSpan.Zero)));
        // 23:00 in UTC-05:00 is 04:00 UTC the next day: 20 hours to go.
        Assert.Equal(72_000, DailyQuota.SecondsUntilRenewal(new DateTimeOffset(2026, 12, 2, 23, 0, 0, TimeSpan.FromHours(-5))));
        Assert.Equal(1, DailyQuota.SecondsUntilRenewal(new DateTimeOffset(2026, 12, 2, 23, 59, 59, 900, TimeSpan.Zero)));
    }

    [Fact]
    public void DayOf_CountsInUtc()
    {
        Assert.Equal(new DateOnly(2026, 12, 3), DailyQuota.DayOf(new DateTimeOffset(2026, 12, 2, 23, 0, 0, TimeSpan.FromHours(-5))));
        Assert.Equal(new DateOnly(2026, 12, 2), DailyQuota.DayOf(new DateTimeOffset(2026, 12, 3, 0, 30, 0, TimeSpan.FromHours(1))));
    }
}
