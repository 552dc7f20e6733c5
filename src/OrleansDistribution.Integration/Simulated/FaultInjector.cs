using System.Collections.Concurrent;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Integration.Simulated;

/// <summary>
/// The faults in force per simulated system and the decision for each request. Shared by the in-process
/// simulation and samples/ErpSimulator so both misbehave identically.
/// </summary>
public sealed class FaultInjector
{
    private readonly ConcurrentDictionary<string, SimulationFaults> _faults = new(StringComparer.Ordinal)
    {
        [DownstreamSystem.Erp] = SimulationFaults.None,
        [DownstreamSystem.Warehouse] = SimulationFaults.None,
    };

    /// <summary>Sets faults for the system named in <paramref name="faults"/>, or for both.</summary>
    public IReadOnlyDictionary<string, SimulationFaults> Set(SimulationFaults faults)
    {
        foreach (var system in faults.System is null ? [DownstreamSystem.Erp, DownstreamSystem.Warehouse] : new[] { faults.System })
        {
            // JSON may say "rejectSkus": null or carry null entries; the rules below need a clean list.
            _faults[system] = faults with { System = system, RejectSkus = [.. (faults.RejectSkus ?? []).OfType<string>()] };
        }

        return Current;
    }

    /// <summary>The faults in force, by system.</summary>
    public IReadOnlyDictionary<string, SimulationFaults> Current => new Dictionary<string, SimulationFaults>(_faults, StringComparer.Ordinal);

    /// <summary>True when no fault that makes a call of <paramref name="system"/> unavailable is set (refusals are answers).</summary>
    public bool CannotFail(string system) =>
        _faults[system] is { Down: false, ErrorRate: <= 0, DropResponseRate: <= 0 };

    /// <summary>Waits the configured latency, then decides what this request meets.</summary>
    public async Task<(SimulatedOutcome Outcome, string? Reason)> DecideAsync(string system, IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        var faults = _faults[system];
        if (faults.LatencyMs > 0)
        {
            await Task.Delay(faults.LatencyMs, cancellationToken);
        }

        if (faults.Down)
        {
            return (SimulatedOutcome.Down, $"{system} is down");
        }

        if (faults.ErrorRate > 0 && Random.Shared.NextDouble() < faults.ErrorRate)
        {
            return (SimulatedOutcome.Error, $"{system} failed (injected error)");
        }

        var rejected = skus.FirstOrDefault(sku => faults.RejectSkus.Contains(sku, StringComparer.Ordinal));
        if (rejected is not null)
        {
            return (SimulatedOutcome.Reject, $"SKU {rejected} is blocked in the {system}");
        }

        return faults.DropResponseRate > 0 && Random.Shared.NextDouble() < faults.DropResponseRate
            ? (SimulatedOutcome.ProceedThenDropResponse, $"{system} response lost (injected)")
            : (SimulatedOutcome.Proceed, null);
    }
}
