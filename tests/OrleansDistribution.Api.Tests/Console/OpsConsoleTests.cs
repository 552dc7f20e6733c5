using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OrleansDistribution.Api.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace OrleansDistribution.Api.Tests.Console;

/// <summary>The ops console in a real browser, checked as an operator would use it; every page is screenshotted.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class OpsConsoleTests(ConsoleFixture api) : FaultInjectionTests(api)
{
    private static readonly Regex NonZero = NonZeroFigure();

    [Fact]
    public async Task Overview_AfterTraffic_TilesShowNonZeroFigures()
    {
        using var scenario = await Scenario.CreateAsync(api);
        await Outage.SubmitAsync(scenario, 5);
        await SubmitInvalidAsync(scenario);

        await using var console = await api.OpenAsync();

        foreach (var kpi in new[] { "ordersAccepted", "acceptanceP50", "acceptanceP99", "submissionsFailed" })
        {
            await Expect(console.TileValue(kpi)).ToHaveTextAsync(NonZero);
        }

        await Expect(console.Page.Locator("[data-kpi] svg polyline").First).ToBeAttachedAsync();
        await console.ScreenshotAsync("overview");
        console.AssertNoErrors();
    }

    [Fact]
    public async Task ErpOutage_GroupAppearsWithItsCount_BulkReplayAfterRecoveryEmptiesIt()
    {
        using var scenario = await Scenario.CreateAsync(api);
        await using var console = await api.OpenAsync();
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "ERP down" }).ClickAsync();
        await Expect(console.Page.Locator("#faults")).ToContainTextAsync("\"down\":true");
        var orderIds = await Outage.SubmitAsync(scenario, 4);

        var incident = console.Incident("ErpUnavailable");
        await Expect(incident.Locator(".count")).ToHaveTextAsync("4");
        await Expect(incident.Locator(".incident-title")).ToContainTextAsync("ERP unavailable since");
        await Expect(incident).ToContainTextAsync("4 orders");
        await Expect(console.TileValue("backlog")).ToHaveTextAsync("4");
        await Expect(console.Page.Locator("[data-dependency='erp']")).ToContainTextAsync("degraded since");
        await incident.Locator("summary").ClickAsync();
        await Expect(incident.Locator("tr[data-exception-id]")).ToHaveCountAsync(4);
        foreach (var orderId in orderIds)
        {
            await Expect(incident.GetByRole(AriaRole.Link, new() { Name = orderId })).ToBeVisibleAsync();
        }

        await console.ScreenshotAsync("incidents");

        // An order of the incident: its cause, the incident it belongs to and the actions, one click away.
        await incident.GetByRole(AriaRole.Link, new() { Name = orderIds[0] }).ClickAsync();
        await console.WaitForViewAsync($"order/{orderIds[0]}");
        var exception = console.Page.Locator("#order-exception");
        await Expect(exception).ToContainTextAsync("On hold: ErpUnavailable at erp-commit");
        await Expect(exception.GetByRole(AriaRole.Link)).ToContainTextAsync("part of: ERP unavailable since");
        await Expect(exception.GetByRole(AriaRole.Button, new() { Name = "retry" })).ToBeVisibleAsync();
        await console.Page.GoBackAsync();
        await console.WaitForViewAsync("overview/");

        await console.Page.GetByRole(AriaRole.Button, new() { Name = "no faults" }).ClickAsync();
        await Expect(console.Page.Locator("#faults")).Not.ToContainTextAsync("\"down\":true");
        await incident.Locator("button[data-action='replay']").ClickAsync();

        await Expect(console.Page.Locator("#job")).ToContainTextAsync("4/4 done, 4 succeeded");
        await Expect(incident).ToHaveCountAsync(0);
        foreach (var orderId in orderIds)
        {
            await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");
        }

        console.AssertNoErrors();
    }

    [Fact]
    public async Task Search_ChannelOrderRef_OpensItsTimeline()
    {
        using var scenario = await Scenario.CreateAsync(api);
        var channelOrderRef = $"PO-{Guid.NewGuid():N}"[..16];
        var orderId = (await scenario.SubmitCreatedAsync(Scenario.OrderBody(channelOrderRef, (scenario.Skus[0], 2))))["orderId"]!.GetValue<string>();
        await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse");
        await using var console = await api.OpenAsync();

        await console.Page.Locator("#search-input").FillAsync(channelOrderRef);
        await console.Page.Locator("#search-input").PressAsync("Enter");

        await console.WaitForViewAsync($"order/{orderId}");
        await Expect(console.Page.Locator("#order-title")).ToContainTextAsync(channelOrderRef);
        await Expect(console.Page.Locator("#order-title")).ToContainTextAsync("ReleasedToWarehouse");
        var timeline = console.Page.Locator("#timeline tbody tr");
        await Expect(timeline.Filter(new() { HasText = "Accepted → ErpCommitted" })).ToHaveCountAsync(1);
        await Expect(timeline.Filter(new() { HasText = "ErpCommitted → ReleasedToWarehouse" })).ToHaveCountAsync(1);
        await Expect(console.Page.Locator("#order-facts")).ToContainTextAsync(scenario.PartnerId);
        await console.ScreenshotAsync("order");
        console.AssertNoErrors();
    }

    [Fact]
    public async Task PartnerView_ShowsTrafficFailuresKeysAndWebhooks()
    {
        using var scenario = await Scenario.CreateAsync(api);
        using var registered = await scenario.Partner.PostAsJsonAsync("/v1/webhooks",
            new { url = "https://hooks.example.com/console-test", events = new[] { "OrderStatusChanged" } });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        await Outage.SubmitAsync(scenario, 3);
        await SubmitInvalidAsync(scenario);
        await using var console = await api.OpenAsync();

        // From the overview's partner traffic, as an operator would get there.
        await console.Page.Locator($"#partners tr[data-partner-id='{scenario.PartnerId}'] a").ClickAsync();

        await console.WaitForViewAsync($"partner/{scenario.PartnerId}");
        await Expect(console.Page.Locator("#partner-title")).ToContainTextAsync(scenario.PartnerId);
        await Expect(console.Page.Locator("#partner-traffic")).ToContainTextAsync("accepted3");
        await Expect(console.Page.Locator("#partner-traffic")).ToContainTextAsync("validation-failed 1");
        await Expect(console.Page.Locator("#partner-keys tbody tr")).ToHaveCountAsync(1);
        await Expect(console.Page.Locator("#partner-keys tbody tr")).ToContainTextAsync("active");
        await Expect(console.Page.Locator("#partner-webhooks tbody tr")).ToContainTextAsync("https://hooks.example.com/console-test");
        await Expect(console.Page.Locator("#partner-orders tbody tr")).ToHaveCountAsync(3);
        await console.ScreenshotAsync("partner");
        console.AssertNoErrors();
    }

    /// <summary>A submission the API refuses (no customer): a failed submission of the partner, reason validation-failed.</summary>
    private static async Task SubmitInvalidAsync(Scenario scenario)
    {
        using var refused = await scenario.SubmitAsync(new { channelOrderRef = "PO-bad", lines = new[] { new { sku = scenario.Skus[0], quantity = 1 } } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [GeneratedRegex(@"^(0\.\d*[1-9]|[1-9])")]
    private static partial Regex NonZeroFigure();
}
