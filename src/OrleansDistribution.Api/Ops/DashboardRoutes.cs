using Orleans.Runtime;
using OrleansDistribution.Api.Errors;

namespace OrleansDistribution.Api.Ops;

/// <summary>
/// What the Orleans Dashboard's own routes get wrong, answered in front of it (its code stays the package's own):
/// <list type="bullet">
/// <item>its per-silo routes (<c>/dashboard/SiloProperties/{address}</c> and the like) turn a bad or unknown silo
/// address into an exception (a 500): answered with a 404 problem;</item>
/// <item><c>/dashboard</c> without the slash is an empty 301: answered with the same redirect and a body saying where
/// the dashboard is, for a client that does not follow redirects (<c>curl</c> without <c>-L</c>).</item>
/// </list>
/// </summary>
public static class DashboardRoutes
{
    private static readonly string[] PerSiloRoutes = ["SiloProperties", "SiloMetadata", "SiloCounters", "HistoricalStats", "SiloStats"];

    /// <summary>Adds the checks in front of the dashboard mapped at <paramref name="prefix"/>.</summary>
    public static IApplicationBuilder UseDashboardRouteChecks(this IApplicationBuilder app, string prefix) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == prefix && HttpMethods.IsGet(context.Request.Method))
            {
                var target = $"{context.Request.PathBase}{prefix}/{context.Request.QueryString}";
                context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                context.Response.Headers.Location = target;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(
                    $"<!doctype html><title>Orleans Dashboard</title><p>The Orleans Dashboard is at <a href=\"{System.Net.WebUtility.HtmlEncode(target)}\">{System.Net.WebUtility.HtmlEncode(target)}</a> (operator key as password).</p>\n");
                return;
            }

            if (SiloSegment(context.Request.Path, prefix) is { } address && !IsActiveSilo(context.RequestServices, address))
            {
                await context.RequestServices.GetRequiredService<ProblemWriter>().WriteAsync(context, StatusCodes.Status404NotFound,
                    "silo-not-found", "No such silo", $"'{address}' is not the address of an active silo of this cluster (see /dashboard/ for the list).");
                return;
            }

            await next(context);
        });

    /// <summary>The silo address segment of a per-silo dashboard path, or null for any other path.</summary>
    private static string? SiloSegment(PathString path, string prefix)
    {
        if (!path.StartsWithSegments(prefix, out var rest) || rest.Value is not { Length: > 1 } tail)
        {
            return null;
        }

        var segments = tail.Trim('/').Split('/', 2);
        return segments.Length == 2 && PerSiloRoutes.Contains(segments[0], StringComparer.OrdinalIgnoreCase) ? Uri.UnescapeDataString(segments[1]) : null;
    }

    private static bool IsActiveSilo(IServiceProvider services, string address)
    {
        SiloAddress silo;
        try
        {
            silo = SiloAddress.FromParsableString(address);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return false;
        }

        return services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.TryGetValue(silo, out var member)
               && member.Status == SiloStatus.Active;
    }
}
