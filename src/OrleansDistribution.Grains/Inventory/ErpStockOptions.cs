namespace OrleansDistribution.Grains.Inventory;

/// <summary>How the hub checks its stock against the ERP (configuration section "Distribution:Inventory").</summary>
public sealed class ErpStockOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Distribution:Inventory";

    /// <summary>Most positions one page of the ERP's stock snapshot may hold (the integration contract's limit).</summary>
    public const int MaxPageSize = 1_000;

    /// <summary>How often the whole ERP stock snapshot is stated to the hub; zero turns the schedule off (refreshes on demand still run).</summary>
    public TimeSpan ErpRefreshPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Positions asked of the ERP per page (1 to <see cref="MaxPageSize"/>), by refreshes and reconciliations alike.</summary>
    public int ErpRefreshPageSize { get; set; } = 500;

    /// <summary>Units of difference between hub and ERP a reconciliation tolerates before raising InventoryDrift; 0: any difference.</summary>
    public int DriftThreshold { get; set; }

    /// <summary>True when the refresh runs on its schedule.</summary>
    public bool ScheduleEnabled => ErpRefreshPeriod > TimeSpan.Zero;

    /// <summary>What is wrong with these settings, or null.</summary>
    public string? Problem() =>
        ErpRefreshPeriod < TimeSpan.Zero ? $"{SectionName}:ErpRefreshPeriod must not be negative (00:00:00 turns the schedule off)."
        : ErpRefreshPageSize is < 1 or > MaxPageSize ? $"{SectionName}:ErpRefreshPageSize must be 1 to {MaxPageSize}."
        : DriftThreshold < 0 ? $"{SectionName}:DriftThreshold must not be negative."
        : null;
}
