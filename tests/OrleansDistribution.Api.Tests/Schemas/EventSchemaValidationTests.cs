using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests.Schemas;

/// <summary>
/// Every event type goes through the fixture's schema validator at least once, so the run-wide guard (a violation fails
/// the run) covers the whole catalog, not only what other tests happen to emit. Runs on the recovery silo because it
/// takes the simulated ERP down.
/// </summary>
[Collection(RecoveryCollection.Name)]
public sealed class EventSchemaValidationTests(RecoveryApiFixture api)
{
    [Fact]
    public async Task EveryEventType_DrivenThroughTheSilo_IsValidatedAgainstItsSchema()
    {
        var before = Counts();
        using var operatorClient = api.Operator();
        using var scenario = await Scenario.CreateAsync(api);

        // Order lifecycle (and the availability each reservation moves), then a stock statement.
        var accepted = await scenario.SubmitCreatedAsync(Scenario.OrderBody("PO-schema", (scenario.Skus[0], 60)));
        await scenario.WaitForStatusAsync(accepted["orderId"]!.GetValue<string>(), "ReleasedToWarehouse");
        await Scenario.SetStockAsync(operatorClient, scenario.Skus[1], 250);

        // A dependency outage and its recovery.
        await Simulation.SetFaultsAsync(operatorClient, new { down = true, system = "erp" });
        var held = await Outage.SubmitAsync(scenario, 6);
        await Eventually.HoldsAsync(() => Increased(before, "DependencyDegraded"), "a DependencyDegraded validated", Outage.SettleTimeout);
        await Simulation.ClearFaultsAsync(operatorClient);
        await Eventually.HoldsAsync(async () =>
        {
            // Held ones (the test-short SLA) are retried as an operator would, so the ERP is called and seen healthy.
            foreach (var orderId in held)
            {
                var order = await scenario.GetOrderAsync(orderId);
                if (order["exception"]?["exceptionId"]?.GetValue<string>() is { } exceptionId && order["status"]!.GetValue<string>() == "OnHold")
                {
                    using var _ = await operatorClient.PostAsync($"/v1/exceptions/{exceptionId}/retry", null);
                }
            }

            return Increased(before, "DependencyRecovered");
        }, "a DependencyRecovered validated", Outage.SettleTimeout);

        foreach (var eventType in new[] { "OrderStatusChanged", "InventoryChanged", "AvailabilityChanged" })
        {
            await Eventually.HoldsAsync(() => Increased(before, eventType), $"a {eventType} validated");
        }

        Assert.Empty(api.EventSchemas.Violations);
    }

    private Dictionary<string, int> Counts() => api.EventSchemas.Validated.ToDictionary(pair => pair.Key, pair => pair.Value);

    private bool Increased(Dictionary<string, int> before, string eventType) =>
        api.EventSchemas.Validated.GetValueOrDefault(eventType) > before.GetValueOrDefault(eventType);
}
