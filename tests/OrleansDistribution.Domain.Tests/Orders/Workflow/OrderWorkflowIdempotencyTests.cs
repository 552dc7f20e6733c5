using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders.Workflow;
using static OrleansDistribution.Domain.Tests.Orders.Workflow.Scenario;

namespace OrleansDistribution.Domain.Tests.Orders.Workflow;

public sealed class OrderWorkflowIdempotencyTests
{
    [Fact]
    public void Resubmit_SameBodyWithinRetention_IsAReplay()
    {
        var order = Accepted();

        Assert.Equal(Resubmission.Replay, OrderWorkflow.Resubmit(order, "fingerprint-1", Timings, T0.AddMinutes(1)));
    }

    [Fact]
    public void Resubmit_SameBodyJustBeforeRetentionEnds_IsAReplay()
    {
        var order = Accepted();

        var answer = OrderWorkflow.Resubmit(order, "fingerprint-1", Timings, T0 + Timings.IdempotencyRetention - TimeSpan.FromTicks(1));

        Assert.Equal(Resubmission.Replay, answer);
    }

    [Fact]
    public void Resubmit_DifferentBodyWithinRetention_IsRefused()
    {
        var order = Accepted();

        Assert.Equal(Resubmission.DifferentBody, OrderWorkflow.Resubmit(order, "fingerprint-2", Timings, T0.AddMinutes(1)));
    }

    [Fact]
    public void Resubmit_WithoutFingerprintAgainstOneWithFingerprint_IsRefused()
    {
        var order = Accepted();

        Assert.Equal(Resubmission.DifferentBody, OrderWorkflow.Resubmit(order, null, Timings, T0.AddMinutes(1)));
    }

    [Theory]
    [InlineData("fingerprint-1")]
    [InlineData("fingerprint-2")]
    public void Resubmit_OnceRetentionRanOut_IsExpiredWhateverTheBody(string fingerprint)
    {
        var order = Accepted();

        Assert.Equal(Resubmission.Expired, OrderWorkflow.Resubmit(order, fingerprint, Timings, T0 + Timings.IdempotencyRetention));
        Assert.Equal(Resubmission.Expired, OrderWorkflow.Resubmit(order, fingerprint, Timings, T0 + Timings.IdempotencyRetention + TimeSpan.FromDays(30)));
    }

    [Fact]
    public void Resubmit_RetentionFromTimings_IsHonoured()
    {
        var order = Accepted();
        var shortRetention = Timings with { IdempotencyRetention = TimeSpan.FromHours(1) };

        Assert.Equal(Resubmission.Expired, OrderWorkflow.Resubmit(order, "fingerprint-1", shortRetention, T0.AddHours(1)));
        Assert.Equal(Resubmission.Replay, OrderWorkflow.Resubmit(order, "fingerprint-1", Timings, T0.AddHours(1)));
    }

    [Fact]
    public void Resubmit_OrderCapturedWithoutFingerprint_IsAReplay()
    {
        var capture = Capture() with { Submission = Submission with { Fingerprint = null } };
        var order = OrderWorkflow.Capture(capture, Timings, T0).State;

        Assert.Equal(Resubmission.Replay, OrderWorkflow.Resubmit(order, "anything", Timings, T0.AddMinutes(1)));
    }

    [Fact]
    public void Capture_OrderMovedOnSince_FirstResponseIsStillTheCapture()
    {
        // A replay answers what the first response showed, not where the order is now.
        var order = Released();

        Assert.Equal(3, order.Timeline.Count);
        Assert.Equal(1, order.CapturedTimelineCount);
        Assert.Null(order.CapturedException);
    }

    [Fact]
    public void Capture_OnHoldThenAcceptedOnRetry_FirstResponseStillShowsTheHold()
    {
        var held = StockConstrained();
        var captured = held.Exception;
        var retried = Retry(held, T0.AddMinutes(5)).State;

        var accepted = OrderWorkflow.Reserved(retried, captured!, Quantities, [], Timings, T0.AddMinutes(5)).State;

        Assert.Equal(OrderStatus.Accepted, accepted.Status);
        Assert.Null(accepted.Exception);
        Assert.Equal(1, accepted.CapturedTimelineCount);
        Assert.Equal(captured, accepted.CapturedException);
        Assert.Equal(ExceptionIds.For(OrderId, 1), accepted.CapturedException?.ExceptionId);
    }
}
