using OrleansDistribution.Domain.Webhooks;

namespace OrleansDistribution.Domain.Tests.Webhooks;

public sealed class WebhookRetryScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly WebhookRetryPolicy Policy = WebhookRetryPolicy.Default;

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(10, 2560)]
    [InlineData(11, 3600)]
    [InlineData(40, 3600)]
    public void Delay_WithoutJitterSpread_DoublesFromTheBaseUpToTheCap(int attempts, int seconds) =>
        // random 0.5 is the middle of the jitter: the factor is exactly 1.
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookRetrySchedule.Delay(Policy, attempts, 0.5));

    [Theory]
    [InlineData(0.0, 3.75)]
    [InlineData(0.999999, 6.25)]
    public void Delay_Jitter_SpreadsPlusMinusAQuarter(double random, double seconds) =>
        Assert.Equal(seconds, WebhookRetrySchedule.Delay(Policy, 1, random).TotalSeconds, 3);

    [Fact]
    public void AfterFailure_WithinTheWindow_RetriesAfterTheDelay()
    {
        var decision = WebhookRetrySchedule.AfterFailure(Policy, 3, Now.AddMinutes(-1), Now, 0.5);

        Assert.False(decision.Park);
        Assert.Equal(Now.AddSeconds(20), decision.RetryAt);
    }

    [Fact]
    public void AfterFailure_NearTheWindowsEnd_LastAttemptAtTheEnd_NotAnHourPastIt()
    {
        var failingSince = Now - Policy.RetryFor + TimeSpan.FromMinutes(10);

        var decision = WebhookRetrySchedule.AfterFailure(Policy, 30, failingSince, Now, 0.5);

        Assert.False(decision.Park);
        Assert.Equal(failingSince + Policy.RetryFor, decision.RetryAt);
    }

    [Fact]
    public void AfterFailure_EndpointFailingForTheWholeWindow_Parks_EvenOnAnEventsFirstAttempt()
    {
        Assert.True(WebhookRetrySchedule.AfterFailure(Policy, 33, Now - Policy.RetryFor, Now, 0.5).Park);
        Assert.True(WebhookRetrySchedule.AfterFailure(Policy, 1, Now - TimeSpan.FromHours(30), Now, 0.5).Park);
    }

    [Fact]
    public void Schedule_OverADay_MakesAboutThirtyThreeAttempts()
    {
        var attempts = 1;
        var at = Now;
        while (true)
        {
            var decision = WebhookRetrySchedule.AfterFailure(Policy, attempts, Now, at, 0.5);
            if (decision.Park)
            {
                break;
            }

            at = decision.RetryAt;
            attempts++;
        }

        Assert.InRange(attempts, 30, 36);
        Assert.Equal(Now + Policy.RetryFor, at);
    }

    [Fact]
    public void Secret_HasTheStandardWebhooksForm_AndRoundTrips()
    {
        var key = WebhookSecret.NewKey();
        var secret = WebhookSecret.Format(key);

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(key, WebhookSecret.KeyOf(secret));
        Assert.Equal(32, key.Length);
        Assert.NotEqual(key, WebhookSecret.NewKey());
        Assert.Throws<FormatException>(() => WebhookSecret.KeyOf(Convert.ToBase64String(key)));
    }
}
