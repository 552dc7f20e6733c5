using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Tests.Fixtures;

namespace OrleansDistribution.Integration.Tests.Http;

/// <summary>
/// Transient failures are retried inside the call with the same Idempotency-Key, refusals never are, and
/// a call gives up as unavailable within its bound.
/// </summary>
public sealed class RetryTests : IAsyncLifetime
{
    private StubServer _stub = null!;

    public async ValueTask InitializeAsync() => _stub = await StubServer.StartAsync();

    public async ValueTask DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task CommitOrder_503TwiceThen200_SucceedsOnThirdAttemptWithOneKey()
    {
        await using var harness = DownstreamHarness.Create(_stub.BaseUrl);
        _stub.Then(Respond.Status(503), Respond.Status(503), Respond.Json(200, new { erpOrderRef = "ERP-3" }));
        var orderId = DownstreamHarness.NewOrderId();

        var reference = await harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), DownstreamHarness.Step(orderId, "erp-commit"), CancellationToken.None);

        Assert.Equal("ERP-3", reference);
        Assert.Equal(3, _stub.Requests.Count);
        Assert.All(_stub.Requests, request => Assert.Equal($"{orderId}:erp-commit", request.Header("Idempotency-Key")));
    }

    [Fact]
    public async Task CommitOrder_422WithProblemDetail_RejectedAfterExactlyOneAttempt()
    {
        await using var harness = DownstreamHarness.Create(_stub.BaseUrl);
        _stub.Otherwise(Respond.Problem(422, "SKU SKU-2 is blocked in the erp"));
        var orderId = DownstreamHarness.NewOrderId();

        var refusal = await Assert.ThrowsAsync<DownstreamRejectedException>(() =>
            harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), DownstreamHarness.Step(orderId, "erp-commit"), CancellationToken.None));

        Assert.Equal(DownstreamSystem.Erp, refusal.System);
        Assert.Equal("SKU SKU-2 is blocked in the erp", refusal.Reason);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task CommitOrder_400WithPlainText_RejectedWithBodyAsReason()
    {
        await using var harness = DownstreamHarness.Create(_stub.BaseUrl);
        _stub.Otherwise(async context =>
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("currency XXX unknown");
        });
        var orderId = DownstreamHarness.NewOrderId();

        var refusal = await Assert.ThrowsAsync<DownstreamRejectedException>(() =>
            harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), DownstreamHarness.Step(orderId, "erp-commit"), CancellationToken.None));

        Assert.Equal("currency XXX unknown", refusal.Reason);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task CommitOrder_429WithRetryAfter1_WaitsAtLeastASecondThenSucceeds()
    {
        await using var harness = DownstreamHarness.Create(_stub.BaseUrl);
        _stub.Then(Respond.Status(429, retryAfterSeconds: 1), Respond.Json(201, new { erpOrderRef = "ERP-429" }));
        var orderId = DownstreamHarness.NewOrderId();

        var reference = await harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), DownstreamHarness.Step(orderId, "erp-commit"), CancellationToken.None);

        Assert.Equal("ERP-429", reference);
        var requests = _stub.Requests;
        Assert.Equal(2, requests.Count);
        // BaseDelay is 10 ms here, so only Retry-After explains a gap of a second.
        var gap = Stopwatch.GetElapsedTime(requests[0].ReceivedAt, requests[1].ReceivedAt);
        Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"retried after {gap.TotalMilliseconds:0} ms, before Retry-After allowed");
    }

    [Fact]
    public async Task CommitOrder_Always500_UnavailableAfterMaxRetryAttemptsPlusOne()
    {
        await using var harness = DownstreamHarness.Create(_stub.BaseUrl);
        _stub.Otherwise(Respond.Status(500));
        var orderId = DownstreamHarness.NewOrderId();

        var failure = await Assert.ThrowsAsync<DownstreamUnavailableException>(() =>
            harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), DownstreamHarness.Step(orderId, "erp-commit"), CancellationToken.None));

        Assert.Equal(DownstreamSystem.Erp, failure.System);
        Assert.Contains("500", failure.Message);
        Assert.Equal(3 + 1, _stub.Requests.Count);
        Assert.All(_stub.Requests, request => Assert.Equal($"{orderId}:erp-commit", request.Header("Idempotency-Key")));
    }

    [Fact]
    public async Task CommitOrder_SlowerThanAttemptTimeout_RetriedThenUnavailable()
    {
        await using var harness = DownstreamHarness.Create(_stub.BaseUrl, new Dictionary<string, string?>
        {
            ["Distribution:Erp:AttemptTimeout"] = "00:00:00.300",
            ["Distribution:Erp:MaxRetryAttempts"] = "2",
        });
        _stub.Otherwise(Respond.After(TimeSpan.FromSeconds(10), Respond.Json(201, new { erpOrderRef = "too late" })));
        var orderId = DownstreamHarness.NewOrderId();
        var started = Stopwatch.GetTimestamp();

        var failure = await Assert.ThrowsAsync<DownstreamUnavailableException>(() =>
            harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), DownstreamHarness.Step(orderId, "erp-commit"), CancellationToken.None));

        Assert.Contains("did not answer in time", failure.Message);
        Assert.Equal(3, _stub.Requests.Count);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5), "three 300 ms attempts took far longer than their timeouts allow");
    }

    [Fact]
    public async Task CommitOrder_EveryAttemptSlow_TotalTimeoutEndsTheCall()
    {
        await using var harness = DownstreamHarness.Create(_stub.BaseUrl, new Dictionary<string, string?>
        {
            ["Distribution:Erp:AttemptTimeout"] = "00:00:00.600",
            ["Distribution:Erp:MaxRetryAttempts"] = "10",
            ["Distribution:Erp:TotalTimeout"] = "00:00:01",
        });
        _stub.Otherwise(Respond.After(TimeSpan.FromSeconds(10), Respond.Json(201, new { erpOrderRef = "too late" })));
        var orderId = DownstreamHarness.NewOrderId();
        var started = Stopwatch.GetTimestamp();

        await Assert.ThrowsAsync<DownstreamUnavailableException>(() =>
            harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), DownstreamHarness.Step(orderId, "erp-commit"), CancellationToken.None));

        // 11 attempts were allowed, but no more than two 600 ms attempts fit in the 1 s budget.
        Assert.InRange(_stub.Requests.Count, 1, 2);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(3), "the call outlived its total timeout");
    }

    [Fact]
    public async Task CommitOrder_ConnectionDroppedAfterServerActed_RetriedWithSameKey()
    {
        await using var harness = DownstreamHarness.Create(_stub.BaseUrl);
        _stub.Then(Respond.DropConnection(), Respond.Json(200, new { erpOrderRef = "ERP-first-answer" }));
        var orderId = DownstreamHarness.NewOrderId();
        var context = DownstreamHarness.Step(orderId, "erp-commit");

        var reference = await harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), context, CancellationToken.None);

        Assert.Equal("ERP-first-answer", reference);
        var requests = _stub.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, request => Assert.Equal($"{orderId}:erp-commit", request.Header("Idempotency-Key")));
        Assert.All(requests, request => Assert.Equal(context.CorrelationId, request.Header("X-Correlation-ID")));
        Assert.Equal(requests[0].Body, requests[1].Body);
    }

    [Fact]
    public async Task CommitOrder_NothingListening_UnavailableAfterRetries()
    {
        await using var harness = DownstreamHarness.Create($"http://127.0.0.1:{UnusedPort()}");
        var orderId = DownstreamHarness.NewOrderId();

        var failure = await Assert.ThrowsAsync<DownstreamUnavailableException>(() =>
            harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), DownstreamHarness.Step(orderId, "erp-commit"), CancellationToken.None));

        Assert.IsType<HttpRequestException>(failure.InnerException);
        Assert.Contains("4 attempt(s)", failure.Message);
    }

    [Fact]
    public async Task CommitOrder_CallerCancels_OperationCanceledWithoutFurtherAttempts()
    {
        await using var harness = DownstreamHarness.Create(_stub.BaseUrl, new Dictionary<string, string?>
        {
            ["Distribution:Erp:AttemptTimeout"] = "00:00:04",
            ["Distribution:Erp:CircuitSamplingDuration"] = "00:00:10",
        });
        // The caller cancels once the ERP holds the request (not on a timer: on a cold CI machine the first
        // request can take longer than any short timer to arrive, and then nothing was attempted at all).
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowAnswer = Respond.After(TimeSpan.FromSeconds(10), Respond.Json(201, new { erpOrderRef = "too late" }));
        _stub.Otherwise(context =>
        {
            received.TrySetResult();
            return slowAnswer(context);
        });
        var orderId = DownstreamHarness.NewOrderId();
        using var caller = new CancellationTokenSource();
        var call = harness.Erp.CommitOrderAsync(DownstreamHarness.Order(orderId), DownstreamHarness.Step(orderId, "erp-commit"), caller.Token);
        await received.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var cancelled = Stopwatch.GetTimestamp();
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.True(Stopwatch.GetElapsedTime(cancelled) < TimeSpan.FromSeconds(3), "the call outlived its caller's cancellation");
        Assert.Single(_stub.Requests);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
