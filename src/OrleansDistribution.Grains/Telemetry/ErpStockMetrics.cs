using System.Diagnostics.Metrics;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Grains.Telemetry;

/// <summary>
/// The hub checked against the ERP: <c>distribution.inventory.erp_refresh.positions</c> counts the positions full
/// refreshes stated to the SKUs by <c>result</c> (<c>applied</c>, <c>stale</c>: the hub had that statement or a later
/// one, <c>failed</c>: the SKU could not be written), <c>distribution.inventory.erp_refresh.runs</c> the refreshes by
/// <c>outcome</c> (<c>completed</c>, <c>failed</c>), and <c>distribution.inventory.drift.found</c> the drifting SKUs
/// reconciliations reported, by <c>cause</c>.
/// </summary>
public sealed class ErpStockMetrics
{
    /// <summary>Positions stated by refreshes.</summary>
    public const string PositionsName = "distribution.inventory.erp_refresh.positions";

    /// <summary>Refresh runs finished.</summary>
    public const string RunsName = "distribution.inventory.erp_refresh.runs";

    /// <summary>Drifts found by reconciliations.</summary>
    public const string DriftsName = "distribution.inventory.drift.found";

    private readonly Counter<long> _positions;
    private readonly Counter<long> _runs;
    private readonly Counter<long> _drifts;

    /// <summary>Creates the instruments on the distribution meter.</summary>
    public ErpStockMetrics(DistributionMeter meters)
    {
        var meter = meters.Meter;
        _positions = meter.CreateCounter<long>(PositionsName, "{position}", "ERP stock positions a full refresh stated to the hub's SKUs.");
        _runs = meter.CreateCounter<long>(RunsName, "{run}", "Full ERP stock refreshes finished.");
        _drifts = meter.CreateCounter<long>(DriftsName, "{sku}", "SKUs whose on-hand differed from the ERP's in a reconciliation.");
    }

    /// <summary>Records what one page did.</summary>
    public void Positions(int applied, int stale, int failed)
    {
        Add(_positions, applied, "result", "applied");
        Add(_positions, stale, "result", "stale");
        Add(_positions, failed, "result", "failed");
    }

    /// <summary>Records a finished run.</summary>
    public void Run(InventoryRunStatus outcome) => _runs.Add(1, new KeyValuePair<string, object?>("outcome", outcome == InventoryRunStatus.Completed ? "completed" : "failed"));

    /// <summary>Records a drift a reconciliation found.</summary>
    public void Drift(DriftCause cause) => _drifts.Add(1, new KeyValuePair<string, object?>("cause", System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(cause.ToString())));

    private static void Add(Counter<long> counter, int value, string tag, string label)
    {
        if (value > 0)
        {
            counter.Add(value, new KeyValuePair<string, object?>(tag, label));
        }
    }
}
