using OrleansDistribution.Api.Security;
using OrleansDistribution.Hosting.Telemetry;

namespace OrleansDistribution.Api.Telemetry;

/// <summary>
/// Where the Prometheus scrape is served (<see cref="TelemetryExtensions.MetricsPortSetting"/>): without a management port,
/// /metrics on the public port, operator-only; with one, /metrics (and the health probes) on that port only, without
/// authentication — for a Prometheus server on the cluster's private network, the port never published — and the public
/// port no longer serves /metrics at all.
/// </summary>
public static class ManagementPort
{
    private const string MetricsPath = "/metrics";

    /// <summary>Answers anything but /metrics and /health on the management port with a 404, before any other middleware.</summary>
    public static IApplicationBuilder UseManagementPort(this WebApplication app)
    {
        if (TelemetryExtensions.MetricsPort(app.Configuration) is not { } port)
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            if (context.Connection.LocalPort == port
                && !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments("/health"))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }

    /// <summary>Maps the Prometheus scrape endpoint where the configuration says.</summary>
    public static WebApplication MapMetricsScrape(this WebApplication app)
    {
        // Not part of the public contract either way.
        var scrape = app.MapPrometheusScrapingEndpoint(MetricsPath).ExcludeFromDescription();
        if (TelemetryExtensions.MetricsPort(app.Configuration) is { } port)
        {
            scrape.RequireHost($"*:{port}").AllowAnonymous();
        }
        else
        {
            scrape.RequireAuthorization(Policies.Operator);
        }

        return app;
    }
}
