using System.Reflection;
using Orleans.Runtime;
using OrleansDistribution.Api.Cluster;

namespace OrleansDistribution.Api.Tests.Cluster;

public sealed class SiloLossRetryTests
{
    [Fact]
    public async Task SiloGone_CallRetriedUntilItsGrainIsBack()
    {
        var retry = new SiloLossRetry(TimeProvider.System);
        var attempts = 0;

        var answer = await retry.RunAsync(_ => ++attempts switch
        {
            1 => throw MessageRejected(),
            2 => throw new SiloUnavailableException("declared dead while the call waited"),
            _ => new ValueTask<string>("order"),
        }, default);

        Assert.Equal("order", answer);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task OtherFailures_NotRetried()
    {
        var retry = new SiloLossRetry(TimeProvider.System);
        var attempts = 0;

        await Assert.ThrowsAsync<TimeoutException>(() => retry.RunAsync<string>(_ =>
        {
            attempts++;
            throw new TimeoutException("the grain did not answer in time: it may have acted");
        }, default).AsTask());

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task SiloNeverBack_GivesUpAfterItsRetries_WithTheLastFailure()
    {
        // Real time: about 8 x 100 ms.
        var retry = new SiloLossRetry(TimeProvider.System);
        var attempts = 0;

        await Assert.ThrowsAsync<SiloUnavailableException>(() => retry.RunAsync<string>(_ =>
        {
            attempts++;
            throw new SiloUnavailableException("gone");
        }, default).AsTask());

        Assert.Equal(1 + SiloLossRetry.MaxRetryAttempts, attempts);
    }

    /// <summary>What Orleans throws when it cannot connect to the target silo (its constructors are internal).</summary>
    private static OrleansMessageRejectionException MessageRejected() =>
        (OrleansMessageRejectionException)Activator.CreateInstance(
            typeof(OrleansMessageRejectionException), BindingFlags.Instance | BindingFlags.NonPublic, null, ["Unable to connect"], null)!;
}
