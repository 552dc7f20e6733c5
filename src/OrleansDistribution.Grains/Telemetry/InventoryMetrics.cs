using System.Diagnostics.Metrics;
using OrleansDistribution.Abstractions;

namespace OrleansDistribution.Grains.Telemetry;

/// <summary>
/// What the SKUs settle by themselves: <c>distribution.inventory.in_doubt.resolved</c> counts stock operations whose
/// order never confirmed them (it crashed or its write failed between reserving and recording), by what the SKU
/// did — <c>released</c> (a reservation of an order that does not exist given back), <c>restored</c> (a release or
/// deduction the order never recorded, taken back) — with the units as a second counter.
/// </summary>
public sealed class InventoryMetrics
{
    /// <summary>Instrument names.</summary>
    public const string ResolvedName = "distribution.inventory.in_doubt.resolved";

    /// <summary>Units moved by those resolutions.</summary>
    public const string UnitsName = "distribution.inventory.in_doubt.units";

    private readonly Counter<long> _resolved;
    private readonly Counter<long> _units;

    /// <summary>Creates the counters on the distribution meter.</summary>
    public InventoryMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(DistributionNames.Meter);
        _resolved = meter.CreateCounter<long>(ResolvedName, "{operation}", "Stock operations an order never confirmed, settled by the SKU itself.");
        _units = meter.CreateCounter<long>(UnitsName, "{unit}", "Units of stock moved by those settlements.");
    }

    /// <summary>Records one settlement that moved <paramref name="units"/> (reserved or on-hand).</summary>
    public void Resolved(string outcome, int units)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _resolved.Add(1, tag);
        _units.Add(units, tag);
    }
}
