using OrleansDistribution.Api.Tests.Fixtures;
using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class TracingTests(ApiFixture api)
{
    [Fact]
    public async Task SubmittedOrder_OneTraceFromRequestThroughGrainCallsToWorkflowSteps_TaggedWithCorrelationId()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var correlationId = $"trace-{Guid.NewGuid():N}";
        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-1", (scenario.Skus[0], 1)), correlationId: correlationId))["orderId"]!.GetValue<string>();
        await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");

        var spans = await WaitForSpansAsync(correlationId, spans => spans.Any(s => s.DisplayName == "order warehouse-release"));

        var request = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore");
        // Our grain calls and workflow steps belong to the request's trace; Orleans internals such as stream
        // delivery run on their own schedule and are not asserted.
        var ours = spans.Where(s => OurGrains.Any(grain => s.DisplayName.StartsWith(grain + "/", StringComparison.Ordinal))
                                    || s.Source.Name == "OrleansDistribution.Workflow").ToList();
        var outside = ours.Where(s => s.TraceId != request.TraceId).Select(s => $"{s.Source.Name}/{s.DisplayName}/{s.ParentId}").ToList();
        Assert.True(outside.Count == 0, string.Join("\n", outside));
        Assert.Contains(ours, s => s.DisplayName == "IOrderGrain/SubmitAsync");
        Assert.Contains(ours, s => s.DisplayName == "IInventoryGrain/ReserveAsync");
        Assert.Contains(ours, s => s.DisplayName == "order erp-commit");
    }

    private static readonly string[] OurGrains = ["IOrderIntakeGrain", "IOrderGrain", "IInventoryGrain", "IPartnerGrain"];

    private Task<List<System.Diagnostics.Activity>> WaitForSpansAsync(string correlationId, Func<List<System.Diagnostics.Activity>, bool> complete) =>
        Eventually.MatchesAsync(() =>
        {
            try
            {
                return Task.FromResult<List<System.Diagnostics.Activity>>(
                    [.. api.ExportedSpans.ToArray().Where(s => s is not null && s.GetTagItem("correlation.id") as string == correlationId)]);
            }
            catch (ArgumentException)
            {
                // The exporter appended while we copied; the next poll reads again.
                return Task.FromResult(new List<System.Diagnostics.Activity>());
            }
        }, complete, "the request's spans", TimeSpan.FromSeconds(15));
}
