using System.Globalization;
using System.Threading.RateLimiting;
using OrleansDistribution.Api.Errors;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Throttling;

/// <summary>Per-partner throttling: a token bucket per partner holding its burst, refilled at its rate limit every second.</summary>
public static class PartnerRateLimiting
{
    /// <summary>Registers the limiter; 429 answers carry Retry-After and a problem body.</summary>
    public static IServiceCollection AddPartnerRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, PartnerBucket>(context =>
            {
                var partnerId = context.User.GetPartnerId();
                var limit = context.User.GetRateLimit();
                if (partnerId is null || limit is null)
                {
                    return RateLimitPartition.GetNoLimiter(PartnerBucket.Unthrottled);
                }

                // Limit and burst are part of the key, so a PATCH takes effect with a fresh bucket.
                var burst = context.User.GetBurst() ?? limit.Value;
                return RateLimitPartition.GetTokenBucketLimiter(new PartnerBucket(partnerId, limit.Value, burst), bucket => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = bucket.Burst,
                    TokensPerPeriod = bucket.Limit,
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
