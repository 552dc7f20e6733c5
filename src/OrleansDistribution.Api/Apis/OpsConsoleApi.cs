using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>
/// The ops console: one operator-only page over the public API (KPI tiles with sparklines, open exceptions grouped into
/// incidents with bulk replay, order search and timeline, a partner view, dependency health, live events, simulation
/// faults). A browser asks for HTTP Basic credentials (operator key as password) and reuses them for the page's script,
/// stylesheet and API calls. Plain HTML, CSS and script embedded in the assembly: nothing is fetched from elsewhere.
/// </summary>
public static class OpsConsoleApi
{
    private static readonly Dictionary<string, (string Resource, string ContentType)> Files = new(StringComparer.Ordinal)
    {
        ["/ops"] = ("ops.html", "text/html; charset=utf-8"),
        ["/ops/ops.js"] = ("ops.js", "text/javascript; charset=utf-8"),
        ["/ops/ops.css"] = ("ops.css", "text/css; charset=utf-8"),
    };

    /// <summary>Maps /ops and the files it loads.</summary>
    public static IEndpointRouteBuilder MapOpsConsole(this IEndpointRouteBuilder app)
    {
        foreach (var (path, (resource, contentType)) in Files)
        {
            var content = new Lazy<string>(() => Read(resource));
            app.MapGet(path, () => TypedResults.Content(content.Value, contentType))
                .RequireAuthorization(Policies.Operator)
                .ExcludeFromDescription();
        }

        return app;
    }

    private static string Read(string resource)
    {
        using var stream = typeof(OpsConsoleApi).Assembly.GetManifestResourceStream($"OrleansDistribution.Api.Ops.{resource}")
            ?? throw new InvalidOperationException($"The ops console's {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
