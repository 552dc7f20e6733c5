using Microsoft.Playwright;

namespace OrleansDistribution.Api.Tests.Console;

/// <summary>The ops console open in its own browser context, with every console error and uncaught page error it produced.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private ConsolePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"page error: {error}");
            }
        };
    }

    public IPage Page { get; }

    public static async Task<ConsolePage> OpenAsync(IBrowserContext context, string path)
    {
        var page = new ConsolePage(context, await context.NewPageAsync());
        await page.Page.GotoAsync(path);
        return page;
    }

    /// <summary>A KPI tile's figure.</summary>
    public ILocator TileValue(string kpi) => Page.Locator($"[data-kpi='{kpi}'] .value");

    /// <summary>The incident row of an exception type (one per dependency outage).</summary>
    public ILocator Incident(string type) => Page.Locator($"#incidents tbody tr[data-type='{type}']");

    /// <summary>Waits until the console has rendered the view for <paramref name="route"/> ("order/", "partner/p-1", ...).</summary>
    public Task WaitForViewAsync(string route) =>
        Assertions.Expect(Page.Locator("body")).ToHaveAttributeAsync("data-rendered", new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(route)}"));

    /// <summary>Saves a full-page screenshot as <paramref name="name"/>.png in the screenshot folder.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleFixture.ScreenshotDirectory, $"{name}.png"), FullPage = true });

    /// <summary>Fails with every console or page error seen so far.</summary>
    public void AssertNoErrors()
    {
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, $"The console reported errors:\n{string.Join('\n', _errors)}");
        }
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
