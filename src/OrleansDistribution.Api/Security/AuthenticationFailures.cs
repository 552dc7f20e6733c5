using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Api.Errors;

namespace OrleansDistribution.Api.Security;

/// <summary>
/// What failed authentication costs, per client address: each failure is counted (metric
/// <c>distribution.auth.failures</c>, by reason), logged at most once per <see cref="LogWindow"/> per address, and
/// uses a token of that address's bucket; an address that spent its bucket is answered 429 before authentication,
/// so a client spraying keys costs neither grain calls nor log lines. Valid keys never spend tokens, and the
/// operator's key and partner keys seen recently pass even from a refused address.
/// </summary>
/// <remarks>
/// The framework's rate limiter runs after authentication (it partitions by partner); this check has to run before
/// it, on failures only, which no built-in policy expresses — hence a small class over System.Threading.RateLimiting.
/// </remarks>
public sealed partial class AuthenticationFailures : IDisposable
{
    /// <summary>Failures an address may make in a burst before it is refused.</summary>
    public const int Burst = 20;

    /// <summary>Failures per second an address regains.</summary>
    public const int PerSecond = 2;

    /// <summary>How often a failing address is logged at most.</summary>
    public static readonly TimeSpan LogWindow = TimeSpan.FromMinutes(1);

    private const int MaxTrackedAddresses = 10_000;

    private readonly PartitionedRateLimiter<string> _buckets = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst,
            TokensPerPeriod = PerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private readonly ConcurrentDictionary<string, DateTimeOffset> _loggedAt = new(StringComparer.Ordinal);
    private readonly Counter<long> _failures;
    private readonly TimeProvider _clock;
    private readonly ILogger<AuthenticationFailures> _logger;

    /// <summary>Creates the counter on the distribution meter.</summary>
    public AuthenticationFailures(DistributionMeter meters, TimeProvider clock, ILogger<AuthenticationFailures> logger)
    {
        _clock = clock;
        _logger = logger;
        _failures = meters.Meter.CreateCounter<long>(
            "distribution.auth.failures", "{request}", "Requests whose API key was unknown, or refused because their address failed too often.");
    }

    /// <summary>The address a request is accounted to.</summary>
    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>True when the address has failures left; false when it must be refused before authenticating.</summary>
    public bool MayTry(string address) =>
        // An address that never failed (every busy channel) costs one dictionary lookup, not a limiter partition.
        !_loggedAt.ContainsKey(address)
        // Not AttemptAcquire(address, 0): through the partitioned limiter it reported success with no token left.
        || _buckets.GetStatistics(address) is not { CurrentAvailablePermits: <= 0 };

    /// <summary>Records a failed authentication from <paramref name="address"/>.</summary>
    public void Failed(string address, string reason)
    {
        using var _ = _buckets.AttemptAcquire(address, 1);
        Count(reason);
        var now = _clock.GetUtcNow();
        if (_loggedAt.TryGetValue(address, out var last) && now - last < LogWindow)
        {
            return;
        }

        if (_loggedAt.Count >= MaxTrackedAddresses)
        {
            foreach (var (stale, at) in _loggedAt)
            {
                if (now - at >= LogWindow)
                {
                    _loggedAt.TryRemove(stale, out DateTimeOffset _);
                }
            }
        }

        _loggedAt[address] = now;
        LogFailed(_logger, address, reason, LogWindow.TotalSeconds);
    }

    /// <summary>Answers a request from an address that spent its failures: 429 with Retry-After, nothing else done.</summary>
    public async Task RefuseAsync(HttpContext context, ProblemWriter problems)
    {
        Count("throttled");
        var retryAfter = Math.Max(1, (int)Math.Ceiling(1.0 / PerSecond));
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "rate-limited", "Too many failed authentications",
            $"Too many requests with unknown API keys from this address; retry after {retryAfter} s with a valid key.");
    }

    /// <inheritdoc />
    public void Dispose() => _buckets.Dispose();

    private void Count(string reason) => _failures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authentication failed from {Address}: {Reason}; further failures from it are counted (distribution.auth.failures), not logged, for {WindowSeconds} s")]
    private static partial void LogFailed(ILogger logger, string address, string reason, double windowSeconds);
}

/// <summary>Refuses addresses that spent their authentication failures before any key is looked up.</summary>
public static class AuthenticationFailureGuard
{
    /// <summary>Adds the check for requests that present a key; place it before <c>UseAuthentication</c>.</summary>
    public static IApplicationBuilder UseAuthenticationFailureGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var failures = context.RequestServices.GetRequiredService<AuthenticationFailures>();
            if (ApiKeyAuthenticationHandler.PresentedKey(context.Request) is { } key
                && !failures.MayTry(AuthenticationFailures.AddressOf(context))
                && !IsKnownKey(context.RequestServices, key))
            {
                await failures.RefuseAsync(context, context.RequestServices.GetRequiredService<ProblemWriter>());
                return;
            }

            await next(context);
        });

    /// <summary>A key known without a lookup (the operator's, or a partner's seen recently) is never refused for its address.</summary>
    private static bool IsKnownKey(IServiceProvider services, string key) =>
        ApiKeys.Matches(key, services.GetRequiredService<OperatorKey>().Value)
        || services.GetRequiredService<PartnerKeyCache>().IsKnown(ApiKeys.Hash(key));
}
