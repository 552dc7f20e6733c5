using System.Globalization;
using System.Threading.RateLimiting;
using OrleansDistribution.Api.Errors;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Throttling;

/// <summary>Per-partner throttling: a token bucket per partner sized by the partner's own quota.</summary>
public static class PartnerRateLimiting
{
    /// <summary>Registers the limiter; 429 answers carry Retry-After and a problem body.</summary>
    public static IServiceCollection AddPartnerRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var partnerId = context.User.GetPartnerId();
                var limit = context.User.GetRateLimit();
                if (partnerId is null || limit is null)
                {
                    return RateLimitPartition.GetNoLimiter("unthrottled");
                }

                // The quota is part of the key, so a changed quota takes effect with a fresh bucket.
                return RateLimitPartition.GetTokenBucketLimiter($"{partnerId}:{limit}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limit.Value,
                    TokensPerPeriod = limit.Value,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = async (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                var context = rejected.HttpContext;
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                var problems = context.RequestServices.GetRequiredService<ProblemWriter>();
                await problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests",
                    $"Partner '{context.User.GetPartnerId()}' is over its limit of {context.User.GetRateLimit()} requests per second; retry after {retryAfter} s.");
            };
        });
        return services;
    }
}
