using System.Diagnostics;
using Microsoft.Extensions.Configuration;
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

    /// <summary>Setting that turns tracing on or off (<see cref="TracesEnabled"/>).</summary>
    public const string TracesSetting = "Distribution:Telemetry:Traces";

    /// <summary>
    /// Traces and metrics. Exported with OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard variable). Spans are
    /// recorded only when something receives them (<see cref="TracesEnabled"/>). Metrics are always kept, for the
    /// Prometheus scrape endpoint the API silo maps at /metrics.
    /// </summary>
    public static IHostApplicationBuilder AddDistributionTelemetry(this IHostApplicationBuilder builder)
    {
        var exportOtlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry();
        if (TracesEnabled(builder.Configuration))
        {
            telemetry.WithTracing(tracing =>
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
            });
        }

        telemetry.WithMetrics(metrics =>
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

    /// <summary>
    /// Setting naming the management port: when set, /metrics is served there, unauthenticated, for a Prometheus server on
    /// the cluster's private network (and, on the API silo, no longer on the public port); unset, only the API silo serves
    /// it, on its public port, to the operator.
    /// </summary>
    public const string MetricsPortSetting = "Distribution:Metrics:Port";

    /// <summary>The management port, or null when none is configured.</summary>
    public static int? MetricsPort(IConfiguration configuration) =>
        configuration.GetValue<int?>(MetricsPortSetting) is { } port
            ? port is > 0 and <= 65535 ? port : throw new InvalidOperationException($"{MetricsPortSetting} must be a TCP port (1-65535), not {port}.")
            : null;

    /// <summary>
    /// A worker silo (no HTTP server of its own) serves /metrics on the management port, when one is configured, with
    /// OpenTelemetry's stand-alone Prometheus listener, so Prometheus sees what the grains on it count.
    /// </summary>
    public static IHostApplicationBuilder AddWorkerMetricsPort(this IHostApplicationBuilder builder)
    {
        if (MetricsPort(builder.Configuration) is { } port)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
                metrics.AddPrometheusHttpListener(listener =>
                {
                    listener.Port = port;
                    // Every interface, not the exporter's localhost: Prometheus scrapes it from another host (a compose
                    // service, a pod). The options' Host goes through UriBuilder, which refuses a wildcard; the listener's
                    // own prefix list takes it.
                    listener.ConfigureHttpListener = (_, http) =>
                    {
                        http.Prefixes.Clear();
                        http.Prefixes.Add($"http://*:{port}/metrics/");
                    };
                }));
        }

        return builder;
    }

    /// <summary>
    /// Whether spans are recorded: <see cref="TracesSetting"/> when set, otherwise only when they are exported (OTLP).
    /// A tracer provider with no exporter still records every span (an HTTP request's, two per grain call, the workflow
    /// steps', each with its tags and its context carried in every grain message), work nobody reads: measured at
    /// a fifth of the API silo's CPU per accepted order (0.94 / 0.74 ms with spans, 0.71 / 0.61 without;
    /// docs/performance.md). Tests that assert on spans, or an in-process exporter, set it to true.
    /// </summary>
    public static bool TracesEnabled(IConfiguration configuration) =>
        configuration.GetValue<bool?>(TracesSetting) ?? !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
}
