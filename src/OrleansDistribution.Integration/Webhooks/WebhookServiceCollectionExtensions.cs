using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using OrleansDistribution.Integration.Ports;
using Polly;

namespace OrleansDistribution.Integration.Webhooks;

/// <summary>Registers webhook delivery's transport.</summary>
public static class WebhookServiceCollectionExtensions
{
    // Endpoint hosts change their DNS like any other; recycling connections follows them without the
    // factory's handler rotation, which would only throw warm connections away.
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Registers <see cref="WebhookOptions"/> (section "Distribution:Webhooks", validated at start) and
    /// <see cref="IWebhookSender"/>: an HttpClient that follows no redirects, connects only to public addresses unless
    /// private networks are allowed, and runs each request through the pipeline of its endpoint (selected by
    /// endpoint ID, so every endpoint has its own circuit): circuit breaker, then attempt timeout.
    /// </summary>
    public static IServiceCollection AddDistributionWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(options => options.Problem() is null, "Distribution:Webhooks holds an invalid setting (see WebhookOptions.Problem).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpWebhookSender.ClientName, (provider, client) =>
                // A backstop only: the pipeline's attempt timeout ends an attempt first.
                client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.AttemptTimeout * 2)
            .UseSocketsHttpHandler((handler, provider) =>
            {
                handler.PooledConnectionLifetime = PooledConnectionLifetime;
                // A redirect could lead anywhere, a private address included; a 3xx is a failed attempt.
                handler.AllowAutoRedirect = false;
                if (!provider.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks)
                {
                    handler.ConnectCallback = PublicNetworkGuard.ConnectAsync;
                }
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(HttpWebhookSender.ClientName, (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value;
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    Name = "endpoint-circuit",
                    FailureRatio = options.CircuitFailureRatio,
                    MinimumThroughput = options.CircuitMinimumThroughput,
                    SamplingDuration = options.CircuitSamplingDuration,
                    BreakDuration = options.CircuitBreakDuration,
                    // Anything but a 2xx is a failed delivery, a 4xx included (the receiver refused it).
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Result is { IsSuccessStatusCode: false }
                        || (args.Outcome.Exception is { } exception && !(exception is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested))),
                });
                pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
            })
            .SelectPipelineBy(_ => request => request.Options.TryGetValue(HttpWebhookSender.EndpointKey, out var webhookId) ? webhookId : "");
        services.TryAddSingleton<IWebhookSender, HttpWebhookSender>();
        return services;
    }
}
