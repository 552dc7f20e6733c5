using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>
/// The ops console: one operator-only page over the public API (exception backlog with retry, resolve and
/// bulk replay, dependency health, live events, simulation faults). A browser asks for HTTP Basic
/// credentials (operator key as password) and reuses them for the page's own API calls.
/// </summary>
public static class OpsConsoleApi
{
    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(OpsConsoleApi).Assembly.GetManifestResourceStream("OrleansDistribution.Api.Ops.ops.html")
            ?? throw new InvalidOperationException("The ops console page is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Maps /ops.</summary>
    public static IEndpointRouteBuilder MapOpsConsole(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ops", () => TypedResults.Content(Page.Value, "text/html; charset=utf-8"))
            .RequireAuthorization(Policies.Operator)
            .ExcludeFromDescription();
        return app;
    }
}
