using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Domain.Inventory;

/// <summary>
/// Compares the hub's position of a SKU with the ERP's on-hand and names the likely cause of a difference, from what
/// the hub knows of the SKU's history: whether the ERP ever stated a figure, which sequence the hub applied last, what
/// it shipped since, and whether someone set on-hand by hand after the ERP's last statement.
/// </summary>
public static class DriftDiagnosis
{
    /// <summary>
    /// The drift of <paramref name="sku"/> (hub − ERP), or null when both agree. <paramref name="hub"/> is null when the
    /// hub has no record of the SKU; <paramref name="erpSequence"/> is the ERP's sequence of its figure when known.
    /// </summary>
    public static StockDrift? Diagnose(string sku, InventorySnapshot? hub, int erpOnHand, long? erpSequence = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(erpOnHand);
        if (hub is null)
        {
            return new StockDrift(sku, null, erpOnHand, -erpOnHand, 0, DriftCause.UnknownInHub);
        }

        var difference = hub.OnHand - erpOnHand;
        return difference == 0 ? null : new StockDrift(sku, hub.OnHand, erpOnHand, difference, hub.Reserved, CauseOf(hub, difference, erpSequence));
    }

    /// <summary>True when the drift is larger (in units, either way) than <paramref name="threshold"/>; 0 makes any difference one.</summary>
    public static bool IsOverThreshold(StockDrift drift, int threshold) => Math.Abs((long)drift.Difference) > threshold;

    /// <summary>The drift in words, for the exception an operator reads.</summary>
    public static string Describe(StockDrift drift) =>
        $"hub {(drift.HubOnHand is { } hub ? hub.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown")}, ERP {drift.ErpOnHand} "
        + $"(difference {drift.Difference:+#;-#;0}, {drift.Reserved} reserved): {Explain(drift)}";

    private static DriftCause CauseOf(InventorySnapshot hub, int difference, long? erpSequence)
    {
        var erp = hub.Erp;
        if (erp.Sequence is not { } applied)
        {
            return DriftCause.NeverSyncedFromErp;
        }

        if (erpSequence is { } stated && stated > applied)
        {
            // The ERP booked a change the hub never received: whatever else happened, it missed that statement.
            return DriftCause.MissedErpUpdate;
        }

        if (erp.ShippedSinceErp > 0 && difference == -erp.ShippedSinceErp)
        {
            return DriftCause.ShippedNotBookedInErp;
        }

        if (hub.SetByHandAt is { } byHand && (erp.AppliedAt is not { } appliedAt || byHand > appliedAt))
        {
            return DriftCause.SetByHandInHub;
        }

        return DriftCause.MissedErpUpdate;
    }

    private static string Explain(StockDrift drift) => drift.Cause switch
    {
        DriftCause.ShippedNotBookedInErp => $"the hub shipped {-drift.Difference} units the ERP has not booked yet",
        DriftCause.SetByHandInHub => "on-hand was set by hand in the hub after the ERP's last statement",
        DriftCause.NeverSyncedFromErp => "the ERP never stated a figure for this SKU to the hub",
        DriftCause.UnknownInHub => "the ERP books this SKU, the hub has no record of it",
        _ => "the hub most likely missed an ERP update",
    };
}
