using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Orders;
using OrleansDistribution.Domain.Orders.Workflow;
using static OrleansDistribution.Domain.Tests.Orders.Workflow.Scenario;

namespace OrleansDistribution.Domain.Tests.Orders.Workflow;

public sealed class OrderWorkflowCaptureTests
{
    [Fact]
    public void Capture_AllLinesReserved_IsAcceptedHoldingTheReservations()
    {
        var decision = Accept();

        var order = decision.State;
        Assert.True(decision.Changed);
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal(Quantities, order.Reservations);
        Assert.Null(order.Exception);
        Assert.Null(order.HeldFrom);
        Assert.False(order.HasPendingStock);
    }

    [Fact]
    public void Capture_AllLinesReserved_KeepsWhatTheOrderWasPricedAndSubmittedWith()
    {
        var order = Accepted();

        Assert.Equal(OrderId, order.OrderId);
        Assert.Equal("partner-1", order.PartnerId);
        Assert.Equal("PO-77", order.ChannelOrderRef);
        Assert.Equal("cust-9", order.CustomerId);
        Assert.Equal("v3", order.PriceListVersion);
        Assert.Equal("EUR", order.Currency);
        Assert.Equal(55m, order.Total);
        Assert.Equal(Scenario.Pricing.Lines, order.Lines);
        Assert.Equal(T0, order.CreatedAt);
        Assert.Equal(SubmitCorrelation, order.CorrelationId);
        Assert.Equal("00-trace-01", order.TraceParent);
    }

    [Fact]
    public void Capture_AllLinesReserved_StartsTheErpCommitSla()
    {
        var order = Accepted();

        Assert.Equal(WorkflowSlas.ErpCommit.Key, order.SlaStep);
        Assert.Equal(T0 + Timings.ErpCommitWithin, order.SlaDeadline);
    }

    [Fact]
    public void Capture_AllLinesReserved_FirstStepIsTheErpCommitAfterTheFirstStepDelay()
    {
        var order = Accepted();

        Assert.Equal(WorkflowSteps.ErpCommit, OrderWorkflow.PendingStep(order));
        Assert.Equal(T0 + Timings.FirstStepDelay, order.NextAttemptAt);
        Assert.Equal(0, order.StepAttempts);
    }

    [Fact]
    public void Capture_AllLinesReserved_AnnouncesItsOneTimelineEntry()
    {
        var decision = Accept();

        var entry = Assert.Single(decision.State.Timeline);
        Assert.Equal(T0, entry.At);
        Assert.Null(entry.From);
        Assert.Equal(OrderStatus.Accepted, entry.Status);
        Assert.Equal(SubmitCorrelation, entry.CorrelationId);
        Assert.Contains("v3", entry.Detail, StringComparison.Ordinal);
        Assert.Equal([entry], decision.Effects.Announce);
        Assert.Null(decision.Effects.File);
        Assert.Empty(decision.Effects.Withdraw);
        Assert.Null(decision.Effects.RunNow);
        Assert.Null(decision.Effects.ReserveNow);
    }

    [Fact]
    public void Capture_AllLinesReserved_RemembersTheFirstResponse()
    {
        var order = Accepted();

        Assert.Equal(1, order.CapturedTimelineCount);
        Assert.Null(order.CapturedException);
    }

    [Fact]
    public void Capture_SomeSkuShort_IsOnHoldWithStockConstrainedFiled()
    {
        var decision = OrderWorkflow.Capture(Capture("SKU-B"), Timings, T0);

        var order = decision.State;
        Assert.Equal(OrderStatus.OnHold, order.Status);
        Assert.True(order.IsHeld);
        var exception = Assert.IsType<OrderException>(order.Exception);
        Assert.Equal(ExceptionIds.For(OrderId, 1), exception.ExceptionId);
        Assert.Equal(OrderExceptionTypes.StockConstrained, exception.Type);
        Assert.Equal(OrderSteps.Reservation, exception.Step);
        Assert.Equal(1, exception.Attempts);
        Assert.Contains("SKU-B", exception.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("SKU-A", exception.LastError, StringComparison.Ordinal);
        Assert.Equal(SubmitCorrelation, exception.CorrelationId);
        Assert.Equal(T0, exception.RaisedAt);
        Assert.Equal(exception, decision.Effects.File);
        Assert.Empty(decision.Effects.Withdraw);
    }

    [Fact]
    public void Capture_SomeSkuShort_HoldsNothingAndResumesAsAcceptedOnRetry()
    {
        var order = StockConstrained();

        Assert.Empty(order.Reservations);
        Assert.False(order.HasPendingStock);
        Assert.Equal(OrderStatus.Accepted, order.HeldFrom);
    }

    [Fact]
    public void Capture_SomeSkuShort_RunsNoStepAndNoSlaClock()
    {
        var order = StockConstrained();

        Assert.Null(OrderWorkflow.PendingStep(order));
        Assert.Null(order.NextAttemptAt);
        Assert.Null(order.SlaStep);
        Assert.Null(order.SlaDeadline);
    }

    [Fact]
    public void Capture_SomeSkuShort_AnnouncesOneTimelineEntryAndRemembersTheException()
    {
        var decision = OrderWorkflow.Capture(Capture("SKU-B"), Timings, T0);

        var entry = Assert.Single(decision.State.Timeline);
        Assert.Null(entry.From);
        Assert.Equal(OrderStatus.OnHold, entry.Status);
        Assert.Contains(OrderExceptionTypes.StockConstrained, entry.Detail, StringComparison.Ordinal);
        Assert.Equal([entry], decision.Effects.Announce);
        Assert.Equal(1, decision.State.CapturedTimelineCount);
        Assert.Equal(decision.State.Exception, decision.State.CapturedException);
    }

    [Fact]
    public void Capture_UnderIdempotencyKey_KeepsKeyFingerprintAndGeneration()
    {
        var capture = Capture() with { Submission = Submission with { KeyGeneration = 2 } };

        var order = OrderWorkflow.Capture(capture, Timings, T0).State;

        Assert.Equal("key-1", order.IdempotencyKey);
        Assert.Equal("fingerprint-1", order.Fingerprint);
        Assert.Equal(2, order.KeyGeneration);
    }
}
