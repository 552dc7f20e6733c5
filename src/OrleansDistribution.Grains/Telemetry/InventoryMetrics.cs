using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrleansDistribution.Abstractions;

namespace OrleansDistribution.Grains.Telemetry;

/// <summary>
/// What the SKUs settle by themselves: <c>distribution.inventory.in_doubt.resolved</c> counts stock operations whose
/// order never confirmed them (it crashed or its write failed between reserving and recording), by what the SKU
/// did — <c>released</c> (a reservation of an order that does not exist given back), <c>restored</c> (a release or
/// deduction the order never recorded, taken back) — with the units as a second counter.
/// ERP sync lag: <c>distribution.inventory.sync.lag</c> (histogram, seconds from an ERP statement's <c>asOf</c> to the hub
/// applying it), <c>distribution.inventory.sync.oldest_confirmation_age</c> (gauge, seconds since the ERP last confirmed
/// the SKU it confirmed longest ago, over the SKUs active in this silo) and <c>distribution.inventory.sync.unconfirmed</c>
/// (gauge, active SKUs the ERP never spoke of). Each silo reports its own SKUs: dashboards take the maximum.
/// </summary>
public sealed class InventoryMetrics
{
    /// <summary>Instrument names.</summary>
    public const string ResolvedName = "distribution.inventory.in_doubt.resolved";

    /// <summary>Units moved by those resolutions.</summary>
    public const string UnitsName = "distribution.inventory.in_doubt.units";

    /// <summary>Seconds from asOf to applied.</summary>
    public const string SyncLagName = "distribution.inventory.sync.lag";

    /// <summary>Age of the oldest ERP confirmation.</summary>
    public const string OldestConfirmationName = "distribution.inventory.sync.oldest_confirmation_age";

    /// <summary>SKUs without any ERP statement.</summary>
    public const string UnconfirmedName = "distribution.inventory.sync.unconfirmed";

    private readonly Counter<long> _resolved;
    private readonly Counter<long> _units;
    private readonly Histogram<double> _lag;
    private readonly ConcurrentDictionary<string, DateTimeOffset?> _confirmedAt = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly KpiWindow _window;

    /// <summary>Creates the instruments on the distribution meter.</summary>
    public InventoryMetrics(DistributionMeter meters, KpiWindow window, [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock)
    {
        _clock = clock;
        _window = window;
        var meter = meters.Meter;
        _lag = meter.CreateHistogram<double>(SyncLagName, "s", "From an ERP stock statement's asOf to the hub applying it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] });
        meter.CreateObservableGauge(OldestConfirmationName, OldestConfirmationAge, "s", "Since the ERP last confirmed the SKU it confirmed longest ago (active SKUs of this silo).");
        meter.CreateObservableGauge(UnconfirmedName, () => _confirmedAt.Count(pair => pair.Value is null), "{sku}", "Active SKUs the ERP never stated a figure for.");
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

    /// <summary>Records the lag of an applied ERP statement (negative clock skew counts as none).</summary>
    public void SyncApplied(TimeSpan lag)
    {
        var applied = lag < TimeSpan.Zero ? TimeSpan.Zero : lag;
        _lag.Record(applied.TotalSeconds);
        _window.SyncLag(applied);
    }

    /// <summary>Notes when the ERP last confirmed an active SKU (null: never).</summary>
    public void Confirmed(string sku, DateTimeOffset? at) => _confirmedAt[sku] = at;

    /// <summary>The SKU's grain deactivated: it no longer counts here.</summary>
    public void Forget(string sku) => _confirmedAt.TryRemove(sku, out _);

    private IEnumerable<Measurement<double>> OldestConfirmationAge()
    {
        DateTimeOffset? oldest = null;
        foreach (var at in _confirmedAt.Values)
        {
            if (at is { } confirmed && (oldest is null || confirmed < oldest))
            {
                oldest = confirmed;
            }
        }

        return oldest is { } value ? [new Measurement<double>(Math.Max(0, (_clock.GetUtcNow() - value).TotalSeconds))] : [];
    }
}
