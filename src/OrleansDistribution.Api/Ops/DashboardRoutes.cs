using Orleans.Runtime;
using OrleansDistribution.Api.Errors;

namespace OrleansDistribution.Api.Ops;

/// <summary>
/// The Orleans Dashboard's per-silo routes (<c>/dashboard/SiloProperties/{address}</c> and the like) turn a bad or
/// unknown silo address into an exception inside the dashboard (a 500). This check answers those with a 404
/// problem first; the dashboard's code stays the package's own.
/// </summary>
public static class DashboardSiloRoutes
{
    private static readonly string[] PerSiloRoutes = ["SiloProperties", "SiloMetadata", "SiloCounters", "HistoricalStats", "SiloStats"];

    /// <summary>Adds the check in front of the dashboard mapped at <paramref name="prefix"/>.</summary>
    public static IApplicationBuilder UseDashboardSiloRouteCheck(this IApplicationBuilder app, string prefix) =>
        app.Use(async (context, next) =>
        {
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
