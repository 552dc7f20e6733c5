using System.Net;
using System.Net.Http.Json;
using System.Text;
using OrleansDistribution.ErpSimulator.Tests.Fixtures;

namespace OrleansDistribution.ErpSimulator.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task Commit_RejectedSku_422WithReasonAndNothingCommitted()
    {
        await using var simulator = new Simulator();
        await simulator.SetFaultsAsync(new { rejectSkus = new[] { "SKU-BLOCKED" }, system = "erp" });
        var orderId = Simulator.NewOrderId();

        using var response = await simulator.CommitAsync(orderId, Simulator.Key(orderId, "erp-commit"), skus: ["SKU-1", "SKU-BLOCKED"]);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("SKU-BLOCKED", problem["detail"]!.GetValue<string>());
        var order = await simulator.OrderAsync(orderId);
        Assert.Equal(0, order["commits"]!.GetValue<int>());
        Assert.Equal(1, order["requests"]!.GetValue<int>());
    }

    [Fact]
    public async Task Commit_ErpDown_503WithRetryAfter()
    {
        await using var simulator = new Simulator();
        await simulator.SetFaultsAsync(new { down = true, system = "erp" });
        var orderId = Simulator.NewOrderId();

        using var response = await simulator.CommitAsync(orderId, Simulator.Key(orderId, "erp-commit"), skus: "SKU-1");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal(0, (await simulator.OrderAsync(orderId))["commits"]!.GetValue<int>());
    }

    [Fact]
    public async Task CustomerCheck_ErpDown_503()
    {
        await using var simulator = new Simulator();
        await simulator.SetFaultsAsync(new { down = true, system = "erp" });

        using var response = await simulator.Client.GetAsync("/erp/customers/C-1?partnerId=P-1");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Commit_ErrorRateOne_500AndNothingCommitted()
    {
        await using var simulator = new Simulator();
        await simulator.SetFaultsAsync(new { errorRate = 1.0, system = "erp" });
        var orderId = Simulator.NewOrderId();
        var key = Simulator.Key(orderId, "erp-commit");

        using var first = await simulator.CommitAsync(orderId, key, skus: "SKU-1");
        using var second = await simulator.CommitAsync(orderId, key, skus: "SKU-1");

        await ProblemAssert.IsProblemAsync(first, HttpStatusCode.InternalServerError);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.InternalServerError);
        var order = await simulator.OrderAsync(orderId);
        Assert.Equal(0, order["commits"]!.GetValue<int>());
        Assert.Equal(2, order["requests"]!.GetValue<int>());
    }

    [Fact]
    public async Task Commit_DropResponseRateOne_ConnectionLostButCommittedOnce_RetryReturnsRef()
    {
        await using var simulator = new Simulator();
        await simulator.SetFaultsAsync(new { dropResponseRate = 1.0, system = "erp" });
        var orderId = Simulator.NewOrderId();
        var key = Simulator.Key(orderId, "erp-commit");

        // In memory, HttpContext.Abort() reaches the client as "The application aborted the request".
        var lost = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => simulator.CommitAsync(orderId, key, skus: "SKU-1"));
        Assert.Contains("aborted", lost.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, (await simulator.OrderAsync(orderId))["commits"]!.GetValue<int>());

        await simulator.SetFaultsAsync(new { system = "erp" });
        using var retry = await simulator.CommitAsync(orderId, key, skus: "SKU-1");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal($"ERP-{orderId}", (await Simulator.ReadObjectAsync(retry))["erpOrderRef"]!.GetValue<string>());
        var order = await simulator.OrderAsync(orderId);
        Assert.Equal(1, order["commits"]!.GetValue<int>());
        Assert.Equal(2, order["requests"]!.GetValue<int>());
    }

    [Fact]
    public async Task Release_DropResponseRateOneOverRealSocket_ClientSeesLostResponseButReleasedOnce()
    {
        await using var simulator = new Simulator(overKestrel: true);
        await simulator.SetFaultsAsync(new { dropResponseRate = 1.0, system = "wms" });
        var orderId = Simulator.NewOrderId();
        var key = Simulator.Key(orderId, "warehouse-release");

        // What the HTTP adapters meet: Kestrel resets the connection, HttpClient reports a failed request.
        await Assert.ThrowsAsync<HttpRequestException>(() => simulator.ReleaseAsync(orderId, key, skus: "SKU-1"));
        await simulator.SetFaultsAsync(new { system = "wms" });
        using var retry = await simulator.ReleaseAsync(orderId, key, skus: "SKU-1");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal($"WMS-{orderId}", (await Simulator.ReadObjectAsync(retry))["releaseRef"]!.GetValue<string>());
        var order = await simulator.OrderAsync(orderId);
        Assert.Equal(1, order["releases"]!.GetValue<int>());
        Assert.Equal(2, order["requests"]!.GetValue<int>());
    }

    [Fact]
    public async Task Faults_ForErpOnly_WmsUnaffected()
    {
        await using var simulator = new Simulator();
        await simulator.SetFaultsAsync(new { down = true, system = "erp" });
        var orderId = Simulator.NewOrderId();

        using var commit = await simulator.CommitAsync(orderId, Simulator.Key(orderId, "erp-commit"), skus: "SKU-1");
        using var release = await simulator.ReleaseAsync(orderId, Simulator.Key(orderId, "warehouse-release"), skus: "SKU-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, commit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
    }

    [Fact]
    public async Task Faults_ForWmsOnly_ErpUnaffected()
    {
        await using var simulator = new Simulator();
        await simulator.SetFaultsAsync(new { errorRate = 1.0, system = "wms" });
        var orderId = Simulator.NewOrderId();

        using var commit = await simulator.CommitAsync(orderId, Simulator.Key(orderId, "erp-commit"), skus: "SKU-1");
        using var release = await simulator.ReleaseAsync(orderId, Simulator.Key(orderId, "warehouse-release"), skus: "SKU-1");

        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        await ProblemAssert.IsProblemAsync(release, HttpStatusCode.InternalServerError);
        var order = await simulator.OrderAsync(orderId);
        Assert.Equal(1, order["commits"]!.GetValue<int>());
        Assert.Equal(0, order["releases"]!.GetValue<int>());
    }

    [Fact]
    public async Task Faults_WithoutSystem_AppliesToBothAndIsReturned()
    {
        await using var simulator = new Simulator();

        var current = await simulator.SetFaultsAsync(new { down = true, latencyMs = 5 });

        Assert.True(current["erp"]!["down"]!.GetValue<bool>());
        Assert.True(current["wms"]!["down"]!.GetValue<bool>());
        var read = await Simulator.ReadObjectAsync(await simulator.Client.GetAsync("/_sim/faults"));
        Assert.Equal(5, read["erp"]!["latencyMs"]!.GetValue<int>());
        Assert.Equal(5, read["wms"]!["latencyMs"]!.GetValue<int>());
    }

    [Fact]
    public async Task Faults_RejectSkusForWmsRelease_NotRefused()
    {
        // The contract makes rejectSkus an ERP commit rule; the in-process warehouse ignores it too.
        await using var simulator = new Simulator();
        await simulator.SetFaultsAsync(new { rejectSkus = new[] { "SKU-BLOCKED" } });
        var orderId = Simulator.NewOrderId();

        using var release = await simulator.ReleaseAsync(orderId, Simulator.Key(orderId, "warehouse-release"), skus: "SKU-BLOCKED");

        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
    }

    [Fact]
    public async Task Faults_InvalidValues_400WithErrorsAndFaultsUnchanged()
    {
        await using var simulator = new Simulator();

        using var response = await simulator.Client.PutAsJsonAsync("/_sim/faults", new { errorRate = 1.5, latencyMs = -1, system = "crm" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("errorRate"));
        Assert.True(errors.ContainsKey("latencyMs"));
        Assert.True(errors.ContainsKey("system"));
        var current = await Simulator.ReadObjectAsync(await simulator.Client.GetAsync("/_sim/faults"));
        Assert.Equal(0, current["erp"]!["errorRate"]!.GetValue<double>());
    }

    [Fact]
    public async Task Faults_MalformedJson_400Problem()
    {
        await using var simulator = new Simulator();
        using var content = new StringContent("{\"errorRate\": ", Encoding.UTF8, "application/json");

        using var response = await simulator.Client.PutAsync("/_sim/faults", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
