using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Grains.Telemetry;

namespace OrleansDistribution.Hosting.Telemetry;

/// <summary>OpenTelemetry for every silo host: traces from HTTP requests through grain calls to outbound adapter calls.</summary>
public static class TelemetryExtensions
{
    /// <summary>Orleans' activity sources (application grain calls and runtime).</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    /// <summary>Meters in the metrics pipeline: ours, Orleans' and the runtime's own (GC, heap, thread pool).</summary>
    public static readonly string[] Meters = [DistributionNames.Meter, "Microsoft.Orleans", "System.Runtime"];

    /// <summary>
    /// Traces and metrics. Exported with OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard
    /// variable); without it spans are still created, so tests and in-process listeners can see them.
    /// Metrics are also kept for the Prometheus scrape endpoint the API silo maps at /metrics.
    /// </summary>
    public static IHostApplicationBuilder AddDistributionTelemetry(this IHostApplicationBuilder builder)
    {
        var exportOtlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddSource(DistributionTelemetry.SourceName)
                    .AddSource(OrleansSources)
                    .AddAspNetCoreInstrumentation(options =>
                        options.Filter = context => !context.Request.Path.StartsWithSegments("/health")
                            && !context.Request.Path.StartsWithSegments("/metrics"))
                    .AddHttpClientInstrumentation(options =>
                        options.EnrichWithHttpRequestMessage = (activity, request) =>
                        {
                            if (request.Headers.TryGetValues("X-Correlation-ID", out var values))
                            {
                                activity.SetTag(DistributionTelemetry.CorrelationIdTag, values.FirstOrDefault());
                            }
                        });
                if (exportOtlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddPrometheusExporter();
                if (exportOtlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        Activity.DefaultIdFormat = ActivityIdFormat.W3C;
        return builder;
    }
}
