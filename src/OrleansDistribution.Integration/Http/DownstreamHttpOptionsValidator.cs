using Microsoft.Extensions.Options;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Integration.Http;

/// <summary>
/// Checks <see cref="DownstreamHttpOptions"/> at start, with the configuration key in each message, so a bad
/// number fails the silo instead of failing the first order (Polly would only complain when the pipeline is built).
/// </summary>
internal sealed class DownstreamHttpOptionsValidator : IValidateOptions<DownstreamHttpOptions>
{
    // Polly's own lower bounds; below them building the pipeline throws.
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MinimumCircuitWindow = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaximumDuration = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, DownstreamHttpOptions options)
    {
        if (name is not (DownstreamSystem.Erp or DownstreamSystem.Warehouse))
        {
            // Only the per-system named instances are ever read.
            return ValidateOptionsResult.Skip;
        }

        var section = DownstreamHttpOptions.SectionOf(name);
        var problems = new List<string>();
        // No BaseUrl: the system is simulated in-process; its circuit settings below still apply.
        if (!string.IsNullOrWhiteSpace(options.BaseUrl)
            && (!Uri.TryCreate(options.BaseUrl.Trim(), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https")))
        {
            problems.Add($"{section}:BaseUrl must be an absolute http or https URL (was '{options.BaseUrl}').");
        }

        if (options.AttemptTimeout < MinimumTimeout || options.AttemptTimeout > MaximumDuration)
        {
            problems.Add($"{section}:AttemptTimeout must be between 10 ms and 1 day.");
        }

        if (options.TotalTimeout < options.AttemptTimeout || options.TotalTimeout > MaximumDuration)
        {
            problems.Add($"{section}:TotalTimeout must be at least AttemptTimeout and at most 1 day.");
        }

        if (options.MaxRetryAttempts is < 0 or > 100)
        {
            problems.Add($"{section}:MaxRetryAttempts must be between 0 and 100.");
        }

        if (options.BaseDelay < TimeSpan.Zero || options.BaseDelay > MaximumDuration)
        {
            problems.Add($"{section}:BaseDelay must be between 0 and 1 day.");
        }

        if (options.CircuitFailureRatio is <= 0 or > 1 || double.IsNaN(options.CircuitFailureRatio))
        {
            problems.Add($"{section}:CircuitFailureRatio must be above 0 and at most 1.");
        }

        if (options.CircuitMinimumThroughput < 2)
        {
            problems.Add($"{section}:CircuitMinimumThroughput must be at least 2.");
        }

        // A window shorter than two attempts cannot see an attempt's timeout as a failure before it slides
        // past; Microsoft.Extensions.Http.Resilience's standard pipeline enforces the same rule.
        if (options.CircuitSamplingDuration < MinimumCircuitWindow || options.CircuitSamplingDuration > MaximumDuration
            || options.CircuitSamplingDuration < 2 * options.AttemptTimeout)
        {
            problems.Add($"{section}:CircuitSamplingDuration must be at least 500 ms, at least twice AttemptTimeout, and at most 1 day.");
        }

        if (options.CircuitBreakDuration < MinimumCircuitWindow || options.CircuitBreakDuration > MaximumDuration)
        {
            problems.Add($"{section}:CircuitBreakDuration must be between 500 ms and 1 day.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
