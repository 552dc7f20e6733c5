using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansDistribution.Hosting.Health;
using OrleansDistribution.Integration.Health;

namespace OrleansDistribution.Api.Apis;

/// <summary>Liveness and readiness for orchestrators and load balancers (anonymous).</summary>
public static class HealthApi
{
    /// <summary>Tag of checks that gate readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers the checks.</summary>
    public static IServiceCollection AddDistributionHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<DependenciesHealthCheck>("dependencies", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// Maps /health/live (the process answers) and /health/ready (the silo is active; 200 with status
    /// "Degraded" and the failing dependency named while an ERP/WMS circuit is open, 503 when not ready).
    /// </summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReportAsync,
        }).AllowAnonymous();
        return app;
    }

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description, data = entry.Value.Data }),
        }));
    }

    private sealed class SiloActiveHealthCheck(SiloReadiness readiness) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(readiness.IsActive
                ? HealthCheckResult.Healthy("Silo is active.")
                : HealthCheckResult.Unhealthy("Silo is not active."));
    }

    private sealed class DependenciesHealthCheck(DependencyHealthState dependencies) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var degraded = dependencies.Snapshot().Values.Where(d => d.Status == DependencyStatus.Degraded).ToList();
            var data = degraded.ToDictionary(d => d.System, d => (object)$"degraded since {d.Since:O}: {d.LastReason}");
            return Task.FromResult(degraded.Count == 0
                ? HealthCheckResult.Healthy("ERP and WMS answer.")
                : HealthCheckResult.Degraded($"Degraded: {string.Join(", ", degraded.Select(d => d.System))}.", data: data));
        }
    }
}
