namespace OrleansDistribution.Abstractions.Inventory;

/// <summary>The likely explanation of a difference between the hub's on-hand and the ERP's.</summary>
[GenerateSerializer]
[Alias("DriftCause")]
public enum DriftCause
{
    /// <summary>The hub shipped units the ERP has not booked yet: the difference is exactly what the hub shipped since the ERP's last figure.</summary>
    ShippedNotBookedInErp = 0,

    /// <summary>On-hand was set by hand in the hub after the ERP's last statement.</summary>
    SetByHandInHub = 1,

    /// <summary>The ERP never stated a figure for the SKU to the hub: on-hand was only ever set by hand.</summary>
    NeverSyncedFromErp = 2,

    /// <summary>The ERP books the SKU; the hub has no record of it.</summary>
    UnknownInHub = 3,

    /// <summary>None of the above: the hub most likely missed an ERP update (a newer ERP sequence says so for sure).</summary>
    MissedErpUpdate = 4,
}
