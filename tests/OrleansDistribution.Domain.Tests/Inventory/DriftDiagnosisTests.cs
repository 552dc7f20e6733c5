using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Domain.Inventory;

namespace OrleansDistribution.Domain.Tests.Inventory;

public sealed class DriftDiagnosisTests
{
    private const string Sku = "SKU-1";
    private static readonly DateTimeOffset ErpAsOf = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Applied = ErpAsOf.AddSeconds(2);

    [Fact]
    public void SameOnHand_IsNoDrift()
    {
        Assert.Null(DriftDiagnosis.Diagnose(Sku, Synced(onHand: 40, sequence: 7), 40, erpSequence: 7));
        Assert.Null(DriftDiagnosis.Diagnose(Sku, Synced(onHand: 40, sequence: 7), 40));
    }

    [Fact]
    public void UnknownInTheHub_DriftsByTheErpsWholeFigure()
    {
        var drift = DriftDiagnosis.Diagnose(Sku, null, 25);

        Assert.Equal(new StockDrift(Sku, null, 25, -25, 0, DriftCause.UnknownInHub), drift);
    }

    [Fact]
    public void OnlyEverSetByHand_NeverSyncedFromErp()
    {
        var hub = Snapshot(30, reserved: 4) with { SetByHandAt = Applied };

        var drift = DriftDiagnosis.Diagnose(Sku, hub, 35);

        Assert.Equal(new StockDrift(Sku, 30, 35, -5, 4, DriftCause.NeverSyncedFromErp), drift);
    }

    [Fact]
    public void DifferenceIsExactlyWhatTheHubShipped_ShippedNotBookedInErp()
    {
        var hub = Synced(onHand: 97, sequence: 3, shipped: 3);

        Assert.Equal(DriftCause.ShippedNotBookedInErp, DriftDiagnosis.Diagnose(Sku, hub, 100, erpSequence: 3)!.Cause);
        Assert.Equal(DriftCause.ShippedNotBookedInErp, DriftDiagnosis.Diagnose(Sku, hub, 100)!.Cause);
    }

    [Fact]
    public void DifferenceOtherThanWhatWasShipped_IsNotExplainedByShipments()
    {
        var hub = Synced(onHand: 97, sequence: 3, shipped: 3);

        Assert.Equal(DriftCause.MissedErpUpdate, DriftDiagnosis.Diagnose(Sku, hub, 101)!.Cause);
    }

    [Fact]
    public void SetByHandAfterTheErpsLastStatement_SetByHandInHub()
    {
        var hub = Synced(onHand: 45, sequence: 3) with { SetByHandAt = Applied.AddMinutes(5) };

        Assert.Equal(DriftCause.SetByHandInHub, DriftDiagnosis.Diagnose(Sku, hub, 50)!.Cause);
    }

    [Fact]
    public void SetByHandBeforeTheErpsLastStatement_IsNotTheCause()
    {
        var hub = Synced(onHand: 45, sequence: 3) with { SetByHandAt = Applied.AddMinutes(-5) };

        Assert.Equal(DriftCause.MissedErpUpdate, DriftDiagnosis.Diagnose(Sku, hub, 50)!.Cause);
    }

    [Fact]
    public void NewerErpSequence_IsAMissedUpdate_WhateverElseFits()
    {
        // The numbers would fit a shipment not yet booked, but the ERP has booked a change the hub never received.
        var hub = Synced(onHand: 97, sequence: 3, shipped: 3) with { SetByHandAt = Applied.AddMinutes(5) };

        Assert.Equal(DriftCause.MissedErpUpdate, DriftDiagnosis.Diagnose(Sku, hub, 100, erpSequence: 4)!.Cause);
    }

    [Fact]
    public void Difference_IsHubMinusErp_AndReservedIsTheHubs()
    {
        var drift = DriftDiagnosis.Diagnose(Sku, Synced(onHand: 12, sequence: 1, reserved: 5), 10)!;

        Assert.Equal((12, 10, 2, 5), (drift.HubOnHand!.Value, drift.ErpOnHand, drift.Difference, drift.Reserved));
    }

    [Theory]
    [InlineData(-3, 0, true)]
    [InlineData(1, 0, true)]
    [InlineData(5, 5, false)]
    [InlineData(-6, 5, true)]
    public void OverThreshold_WhenTheDifferenceEitherWayExceedsIt(int difference, int threshold, bool over)
    {
        var drift = new StockDrift(Sku, 10 + difference, 10, difference, 0, DriftCause.MissedErpUpdate);

        Assert.Equal(over, DriftDiagnosis.IsOverThreshold(drift, threshold));
    }

    [Fact]
    public void Describe_NamesBothFiguresAndTheCause()
    {
        var text = DriftDiagnosis.Describe(new StockDrift(Sku, 97, 100, -3, 2, DriftCause.ShippedNotBookedInErp));

        Assert.Equal("hub 97, ERP 100 (difference -3, 2 reserved): the hub shipped 3 units the ERP has not booked yet", text);
    }

    private static InventorySnapshot Snapshot(int onHand, int reserved = 0) =>
        new(Sku, onHand, reserved, Math.Max(0, onHand - reserved), Applied);

    private static InventorySnapshot Synced(int onHand, long sequence, long shipped = 0, int reserved = 0) =>
        Snapshot(onHand, reserved) with { Erp = new ErpSyncStatus(sequence, ErpAsOf, Applied, Applied, shipped) };
}
