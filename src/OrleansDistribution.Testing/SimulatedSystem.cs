using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Simulated;

namespace OrleansDistribution.Testing;

/// <summary>
/// Fault control of one simulated system (the ERP or the WMS) for the whole test cluster. Each call adds to the faults
/// in force; <see cref="Recover"/> clears them. The silos meet the faults exactly as they would a real system's:
/// through their circuits, retries and exception queues.
/// </summary>
public sealed class SimulatedSystem
{
    private readonly FaultInjector _faults;

    internal SimulatedSystem(string name, FaultInjector faults)
    {
        Name = name;
        _faults = faults;
    }

    /// <summary>"erp" or "wms".</summary>
    public string Name { get; }

    /// <summary>The faults in force.</summary>
    public SimulationFaults Faults => _faults.Current[Name];

    /// <summary>Every request fails as unavailable (503) until <see cref="Recover"/>.</summary>
    public SimulatedSystem GoDown() => Set(Faults with { Down = true });

    /// <summary>Every answer comes <paramref name="latency"/> late (on real time: it is the network's, not the grains').</summary>
    public SimulatedSystem Delay(TimeSpan latency) => Set(Faults with { LatencyMs = (int)latency.TotalMilliseconds });

    /// <summary>A share of requests (0..1, default all) fails with a 500 without acting.</summary>
    public SimulatedSystem Fail(double share = 1) => Set(Faults with { ErrorRate = share });

    /// <summary>A share of requests (0..1, default all) acts and then loses its answer: the caller cannot know it happened.</summary>
    public SimulatedSystem LoseResponses(double share = 1) => Set(Faults with { DropResponseRate = share });

    /// <summary>ERP commits with any of these SKUs are refused for a business reason (422); the WMS refuses nothing.</summary>
    /// <exception cref="InvalidOperationException">Called on the WMS.</exception>
    public SimulatedSystem RejectSkus(params string[] skus)
    {
        if (Name != DownstreamSystem.Erp)
        {
            throw new InvalidOperationException("Only the ERP refuses SKUs; the warehouse releases what the ERP committed.");
        }

        return Set(Faults with { RejectSkus = [.. Faults.RejectSkus, .. skus] });
    }

    /// <summary>Clears every fault of this system.</summary>
    public SimulatedSystem Recover() => Set(SimulationFaults.None);

    /// <summary>Puts exactly these faults in force.</summary>
    /// <exception cref="ArgumentException">A value is out of range (e.g. a share above 1).</exception>
    public SimulatedSystem Set(SimulationFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var problems = faults.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(problem => $"{problem.Key}: {problem.Value}")), nameof(faults));
        }

        _faults.Set(faults with { System = Name });
        return this;
    }
}
