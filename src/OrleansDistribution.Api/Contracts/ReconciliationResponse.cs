using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// A drift report: <c>status</c> <c>running</c>, <c>completed</c> or <c>failed</c> (with <c>error</c>), the SKUs
/// <c>checked</c>, and <c>lines</c> for only those whose on-hand differs between the hub and the ERP (<c>drifted</c>
/// counts them; at most 10,000 lines are listed). A reconciliation changes no stock.
/// </summary>
public sealed record ReconciliationResponse(
    string ReconciliationId,
    string Source,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    int Checked,
    int Drifted,
    IReadOnlyList<ReconciliationLineResponse> Lines,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error)
{
    /// <summary>Maps the grain's report.</summary>
    public static ReconciliationResponse From(ReconciliationSnapshot report) =>
        new(report.ReconciliationId, report.Source, Name(report.Status), report.CreatedAt, report.CompletedAt, report.Checked, report.Drifted,
            [.. report.Lines.Select(ReconciliationLineResponse.From)], report.Error);

    /// <summary>An enum value as the contract spells it (camelCase).</summary>
    internal static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

/// <summary>
/// One SKU that differs: <c>hubOnHand</c> (null when the hub does not know the SKU), <c>erpOnHand</c>,
/// <c>difference</c> = hub − ERP, <c>reserved</c> (units the hub promised to orders, not yet known to the ERP) and the
/// likely <c>cause</c>: <c>shippedNotBookedInErp</c> (the difference is what the hub shipped since the ERP's last
/// figure), <c>setByHandInHub</c> (on-hand was set by hand after the ERP's last statement), <c>neverSyncedFromErp</c>,
/// <c>unknownInHub</c> or <c>missedErpUpdate</c> (none of these: the hub most likely missed an ERP update).
/// </summary>
public sealed record ReconciliationLineResponse(string Sku, int? HubOnHand, int ErpOnHand, int Difference, int Reserved, string Cause)
{
    /// <summary>Maps a drift.</summary>
    public static ReconciliationLineResponse From(StockDrift drift) =>
        new(drift.Sku, drift.HubOnHand, drift.ErpOnHand, drift.Difference, drift.Reserved, ReconciliationResponse.Name(drift.Cause));
}
