using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Integration.Http;

/// <summary>
/// Where a real ERP or WMS lives and how hard to try it (configuration sections "Distribution:Erp" and
/// "Distribution:Wms"; the options are named after <see cref="DownstreamSystem"/>).
/// </summary>
/// <remarks>
/// <para>
/// The pipeline these numbers build is, from the outside in: total timeout → retry → circuit breaker →
/// attempt timeout. With the defaults a call therefore makes <b>at most 4 attempts (1 + <see cref="MaxRetryAttempts"/>)
/// within 10 seconds (<see cref="TotalTimeout"/>)</b>: each attempt is cut at <see cref="AttemptTimeout"/> (2 s),
/// retries wait about <see cref="BaseDelay"/> × 2ⁿ with jitter (≈ 0.2, 0.4, 0.8 s) or what <c>Retry-After</c>
/// asks for, and whatever is still running at 10 s is abandoned. In general: at most
/// <c>MaxRetryAttempts + 1</c> attempts within <c>TotalTimeout</c> per call.
/// </para>
/// <para>
/// While the circuit is open (after at least <see cref="CircuitMinimumThroughput"/> attempts in
/// <see cref="CircuitSamplingDuration"/> of which <see cref="CircuitFailureRatio"/> or more failed
/// transiently) a call makes no attempt at all and fails at once, for <see cref="CircuitBreakDuration"/>;
/// then one call probes. Attempts, not calls, are what the breaker counts: one call can contribute up to
/// <c>MaxRetryAttempts + 1</c> failures.
/// </para>
/// <para>
/// <c>Retry-After</c> replaces the backoff delay and is not capped: a system asking for more time than is
/// left of <see cref="TotalTimeout"/> gets the rest of the budget, after which the call is unavailable and
/// the order's workflow retries the step later.
/// </para>
/// </remarks>
public sealed class DownstreamHttpOptions
{
    /// <summary>Configuration section of the ERP.</summary>
    public const string ErpSection = "Distribution:Erp";

    /// <summary>Configuration section of the WMS.</summary>
    public const string WmsSection = "Distribution:Wms";

    /// <summary>
    /// Absolute http(s) address the contract's paths (<c>/erp/...</c>, <c>/wms/...</c>) are appended to;
    /// a path in it is kept (<c>https://gateway/distributor</c> → <c>https://gateway/distributor/erp/orders</c>).
    /// Set: the HTTP adapter is used. Unset: the in-process simulation stands in.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>Longest one attempt may take before it is abandoned and counted as a transient failure. Default 2 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after the first attempt, for transient failures only (0 disables retrying). Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base of the exponential, jittered backoff between attempts. Default 200 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Budget of a whole call: every attempt, backoff and <c>Retry-After</c> wait, and reading the answer. Default 10 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of failed attempts in the sampling window that opens the circuit (0 &lt; ratio ≤ 1). Default 0.5.</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts the sampling window must hold before the ratio can open the circuit (≥ 2). Default 10.</summary>
    public int CircuitMinimumThroughput { get; set; } = 10;

    /// <summary>Window over which the failure ratio is measured. Default 30 s.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls fast before letting one probe through. Default 15 s.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The configuration section of <paramref name="system"/> ("erp" or "wms").</summary>
    public static string SectionOf(string system) => system switch
    {
        DownstreamSystem.Erp => ErpSection,
        DownstreamSystem.Warehouse => WmsSection,
        _ => throw new ArgumentOutOfRangeException(nameof(system), system, $"Unknown downstream system; expected '{DownstreamSystem.Erp}' or '{DownstreamSystem.Warehouse}'."),
    };

    /// <summary>
    /// <see cref="BaseUrl"/> as the HttpClient's base address. The trailing slash matters: without it a
    /// relative path replaces the base's last segment instead of being appended to it.
    /// </summary>
    public Uri BaseAddress()
    {
        var url = BaseUrl?.Trim() ?? throw new InvalidOperationException("BaseUrl is not set.");
        return new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
    }
}
