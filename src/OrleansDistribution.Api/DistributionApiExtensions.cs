using OrleansDistribution.Api.Cluster;
using OrleansDistribution.Api.Ops;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansDistribution.Abstractions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Orleans.Dashboard;
using OrleansDistribution.Api.Apis;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Contracts.Validation;
using OrleansDistribution.Api.Correlation;
using OrleansDistribution.Api.Errors;
using OrleansDistribution.Api.Routing;
using OrleansDistribution.Api.Security;
using OrleansDistribution.Api.Streaming;
using OrleansDistribution.Api.Throttling;
using OrleansDistribution.Api.Schemas;
using OrleansDistribution.Api.Telemetry;
using OrleansDistribution.Hosting.Telemetry;
using OrleansDistribution.Api.Versioning;

namespace OrleansDistribution.Api;

/// <summary>The API silo's edge: services, middleware order and endpoints, in one readable place.</summary>
public static class DistributionApiExtensions
{
    /// <summary>Largest request body accepted (413 beyond).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    private const string DefaultUrl = "http://localhost:5080";

    /// <summary>Registers the edge services.</summary>
    public static WebApplicationBuilder AddDistributionApi(this WebApplicationBuilder builder)
    {
        var kestrelEndpoints = builder.Configuration.GetSection("Kestrel:Endpoints").Exists();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !kestrelEndpoints)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        if (TelemetryExtensions.MetricsPort(builder.Configuration) is { } metricsPort)
        {
            // The management port listens beside the public address(es), however those were given.
            var metricsUrl = $"http://*:{metricsPort}";
            if (kestrelEndpoints)
            {
                builder.Configuration.AddInMemoryCollection([new("Kestrel:Endpoints:Metrics:Url", metricsUrl)]);
            }
            else
            {
                builder.WebHost.UseUrls($"{(string.IsNullOrEmpty(builder.Configuration["urls"]) ? DefaultUrl : builder.Configuration["urls"])};{metricsUrl}");
            }
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        var services = builder.Services;
        // The conventions every channel shares (camelCase, enums as names, numbers only as numbers): webhook bodies too.
        services.ConfigureHttpJsonOptions(json => EventJson.Configure(json.SerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<RouteOptions>(options => options.ConstraintMap[GrainKeyRouteConstraint.Name] = typeof(GrainKeyRouteConstraint));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (problem.Type is null || !problem.Type.StartsWith(ProblemTypes.Prefix, StringComparison.Ordinal))
            {
                // One style for every problem, framework-made ones included, each resolving to its documentation.
                problem.Type = ProblemTypes.For(ProblemTypes.CodeOf(problem));
            }

            if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation && problem.Detail is null)
            {
                ErrorKeys.UseJsonPaths(validation.Errors);
                problem.Detail = $"Invalid: {string.Join("; ", validation.Errors.Select(error => $"{error.Key}: {string.Join(" ", error.Value)}"))}";
            }

            problem.Detail ??= DefaultDetail(problem.Status);
            PartnerRequestMetrics.ProblemWritten(context.HttpContext, problem.Type[ProblemTypes.Prefix.Length..]);
            if (CorrelationIdMiddleware.Of(context.HttpContext) is { } correlationId)
            {
                context.ProblemDetails.Extensions["correlationId"] = correlationId;
            }
        });
        services.AddExceptionHandler<DistributionExceptionHandler>();
        services.AddSingleton<ProblemWriter>();

        services.AddOptions<EventStreamOptions>().BindConfiguration(EventStreamOptions.SectionName)
            .Validate(options => options.HeartbeatInterval >= TimeSpan.FromSeconds(1), $"{EventStreamOptions.SectionName}:HeartbeatInterval must be at least one second.")
            .ValidateOnStart();
        services.AddSingleton<OperatorKey>();
        services.AddSingleton<ErpKey>();
        services.AddSingleton<PartnerKeyCache>();
        services.AddHostedService<PartnerChangePoller>();
        services.AddSingleton<DailyQuotaLeases>();
        services.AddSingleton<SiloLossRetry>();
        services.TryAddSingleton<DistributionMeter>();
        services.AddSingleton<AuthenticationFailures>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddDistributionPolicies();
        services.AddPartnerRateLimiting();

        builder.AddApiDeprecation();
        services.AddSingleton<EventSchemaCatalog>();
        services.AddSingleton<StatusEventHub>();
        services.AddHostedService(provider => provider.GetRequiredService<StatusEventHub>());
        services.AddDistributionHealthChecks();
        // Request bodies, route and query values are checked by their DataAnnotations (Contracts/, Contracts/Validation/)
        // before a handler runs: one place for every rule, and the same attributes write the limits into the schemas.
        services.AddValidation();
        services.AddSingleton<RequestValidator>();
        services.AddOpenApi(options => options.AddDistributionConventions()
            .AddSchemaTransformer<ValidationSchemaTransformer>()
            .AddOperationTransformer<RequestExampleTransformer>());
        return builder;
    }

    /// <summary>Middleware in the order that matters: correlation first so every error carries it.</summary>
    public static WebApplication UseDistributionApi(this WebApplication app)
    {
        app.UseManagementPort();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseMiddleware<PartnerRequestMetrics>();
        app.UseApiDeprecation();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthenticationFailureGuard();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseDashboardRouteChecks("/dashboard");
        return app;
    }

    /// <summary>Maps every endpoint of API v1, health, OpenAPI and the operator-only dashboard and metrics.</summary>
    public static WebApplication MapDistributionApi(this WebApplication app)
    {
        app.MapPartnersApi();
        app.MapAuditApi();
        app.MapInventoryApi();
        app.MapInventoryReconciliationApi();
        app.MapOrdersApi();
        app.MapWebhooksApi();
        app.MapShipmentsApi();
        app.MapExceptionsApi();
        app.MapOpsKpisApi();
        app.MapSimulationApi();
        app.MapEventsApi();
        app.MapFeedApi();
        app.MapSchemasApi();
        app.MapHealthApi();
        app.MapOpenApi().AllowAnonymous();
        // The dashboard's own routes and the metrics scrape are operator tools, not part of the public contract.
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(Policies.Operator).ExcludeFromDescription();
        app.MapMetricsScrape();
        app.MapOpsConsole();
        app.MapProblemDocs();
        AnnounceStartup(app);
        return app;
    }

    /// <summary>Details for problems the framework raises itself (status code pages, binding).</summary>
    private static string? DefaultDetail(int? status) => status switch
    {
        StatusCodes.Status404NotFound => "No resource at this path.",
        StatusCodes.Status405MethodNotAllowed => "This path does not accept that HTTP method.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than 1 MiB.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => null,
    };

    /// <summary>
    /// Once started, says where things are (and the generated operator key, if one was generated) through logging, so
    /// JSON console logs stay JSON.
    /// </summary>
    private static void AnnounceStartup(WebApplication app)
    {
        var key = app.Services.GetRequiredService<OperatorKey>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansDistribution.Api.Startup");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                var root = address.TrimEnd('/');
                StartupLog.Endpoints(logger, root, $"{root}/ops", $"{root}/dashboard/", $"{root}/openapi/v1.json");
            }

            if (key.IsGenerated)
            {
                StartupLog.GeneratedOperatorKey(logger, key.Value);
            }
        });
    }
}

/// <summary>Start-up messages of the API silo.</summary>
internal static partial class StartupLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "API silo listening on {Address}: ops console {Ops}, Orleans Dashboard {Dashboard}, OpenAPI {OpenApi}")]
    public static partial void Endpoints(ILogger logger, string address, string ops, string dashboard, string openApi);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator API key (generated; set Distribution__AdminApiKey to choose one): {OperatorKey}")]
    public static partial void GeneratedOperatorKey(ILogger logger, string operatorKey);
}
