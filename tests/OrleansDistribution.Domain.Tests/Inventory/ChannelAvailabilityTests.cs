using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Domain.Inventory;

namespace OrleansDistribution.Domain.Tests.Inventory;

public sealed class ChannelAvailabilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DefaultPolicy_PromisesAllAvailable()
    {
        var availability = ChannelAvailability.Of(onHand: 100, reserved: 30, safetyStock: 10, reservedByChannel: 5, InventoryPolicy.Default);

        Assert.Equal(60, availability.Available);
        Assert.Equal(60, availability.AvailableToPromise);
    }

    [Fact]
    public void Share_LimitsWhatTheChannelHoldsInTotal_AndBufferComesOffAvailable()
    {
        var policy = new InventoryPolicy { Share = 0.3m, SafetyStock = 2 };

        var fresh = ChannelAvailability.Of(onHand: 110, reserved: 0, safetyStock: 10, reservedByChannel: 0, policy);
        var busy = ChannelAvailability.Of(onHand: 110, reserved: 95, safetyStock: 10, reservedByChannel: 25, policy);

        Assert.Equal(30, fresh.ShareLimit);
        Assert.Equal(30, fresh.AvailableToPromise);
        Assert.Equal(5, busy.ShareLimit - busy.ReservedByChannel);
        Assert.Equal(3, busy.AvailableToPromise);
    }

    [Fact]
    public void TwoChannelsRacing_NeverExceedTheirSharesNorTheTotal()
    {
        var position = new StockPosition(100, 0, new Dictionary<string, InDoubtOperation>());
        var marketplace = new InventoryPolicy { Share = 0.3m };
        var portal = new InventoryPolicy { Share = 0.7m };
        var random = new Random(3);

        for (var i = 0; i < 200; i++)
        {
            var (channel, policy) = random.Next(2) == 0 ? ("marketplace", marketplace) : ("portal", portal);
            position.TryReserve($"order-{i}", random.Next(1, 6), Now, channel, policy);
        }

        Assert.True(position.ReservedByChannel["marketplace"] <= 30);
        Assert.True(position.ReservedByChannel["portal"] <= 70);
        Assert.True(position.Reserved <= 100);
        Assert.Equal(position.Reserved, position.ReservedByChannel.Values.Sum());
    }

    [Fact]
    public void ReleaseAndResolve_GiveBackToTheChannel()
    {
        var inDoubt = new Dictionary<string, InDoubtOperation>();
        var position = new StockPosition(10, 0, inDoubt);
        var policy = new InventoryPolicy { Share = 0.5m };
        Assert.True(position.TryReserve("a", 5, Now, "p1", policy));
        Assert.False(position.TryReserve("b", 1, Now, "p1", policy));

        position.Release("a", 5, Now, "p1");
        Assert.False(position.ReservedByChannel.ContainsKey("p1"));
        Assert.True(position.TryReserve("b", 2, Now, "p1", policy));

        Assert.True(position.Resolve("b", inDoubt["b"], StockHold.Nothing));
        Assert.Equal(0, position.Reserved);
        Assert.False(position.ReservedByChannel.ContainsKey("p1"));
    }

    [Theory]
    [InlineData(null, 5, 0.1, true)]
    [InlineData(100, 95, 0.1, false)]
    [InlineData(100, 90, 0.1, true)]
    [InlineData(100, 111, 0.1, true)]
    [InlineData(3, 0, 0.5, true)]
    [InlineData(0, 1, 0.5, true)]
    [InlineData(7, 7, 0, false)]
    [InlineData(7, 6, 0, true)]
    public void IsWorthTelling_MovesOfTheThresholdOrAcrossZero(int? last, int now, double threshold, bool expected) =>
        Assert.Equal(expected, ChannelAvailability.IsWorthTelling(last, now, (decimal)threshold));
}
