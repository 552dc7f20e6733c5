using Microsoft.Extensions.Options;

namespace OrleansDistribution.Integration.Simulated;

/// <summary>A small random delay so the simulated systems behave like remote ones.</summary>
public sealed class SimulatedLatency(IOptions<SimulationOptions> options)
{
    /// <summary>Waits for a random time between the configured bounds.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var max = Math.Max(settings.MinLatencyMs, settings.MaxLatencyMs);
        var delay = Random.Shared.Next(settings.MinLatencyMs, max + 1);
        return delay <= 0 ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
    }
}
