using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansDistribution.Hosting.Health;

namespace OrleansDistribution.Api.Apis;

/// <summary>Liveness and readiness for orchestrators and load balancers (anonymous).</summary>
public static class HealthApi
{
    /// <summary>Tag of checks that gate readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers the checks.</summary>
    public static IServiceCollection AddDistributionHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("silo", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Maps /health/live (the process answers) and /health/ready (the silo is active).</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }

    private sealed class SiloActiveHealthCheck(SiloReadiness readiness) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(readiness.IsActive
                ? HealthCheckResult.Healthy("Silo is active.")
                : HealthCheckResult.Unhealthy("Silo is not active."));
    }
}
