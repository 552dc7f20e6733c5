using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests.Console;

/// <summary>
/// The API silo as <c>dotnet run</c> starts it (embedded SQLite storage, in-process ERP/WMS simulation) with the failure
/// tests' short timings, and one headless chromium shared by every console test. The browser is the machine's own
/// (Debian's <c>chromium</c>, or <c>CONSOLE_CHROMIUM</c>): Playwright only drives it, nothing is downloaded.
/// </summary>
public sealed class ConsoleFixture : RecoveryApiFixture
{
    /// <summary>Where screenshots go: <c>CONSOLE_SCREENSHOTS</c>, or console-screenshots beside the test assembly.</summary>
    public static readonly string ScreenshotDirectory =
        Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "console-screenshots");

    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CONSOLE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"console-tests-{Guid.NewGuid():N}");
    private IPlaywright? _playwright;

    /// <summary>The shared browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
        // Figures reach the page through minute buckets and 5 s refreshes, holds through the (short) SLA: patience, not sleeps.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>A fresh page signed in as the operator (HTTP Basic, the operator key as password), recording console errors.</summary>
    public async Task<ConsolePage> OpenAsync(string fragment = "")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            HttpCredentials = new HttpCredentials { Username = "operator", Password = OperatorKey, Send = HttpCredentialsSend.Always },
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        var page = await ConsolePage.OpenAsync(context, $"/ops{fragment}");
        return page;
    }

    public override async Task DisposeFixtureAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        settings["Distribution:Storage"] = "Embedded";
        settings["Distribution:DataDirectory"] = _dataDirectory;
        return settings;
    }
}
