using OrleansDistribution.Integration.Simulated;

namespace ErpSimulator.Endpoints;

/// <summary>One structured line per request, with the keys a caller would search for.</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = 1, Message = "{System} {Effect} order {OrderId} key {IdempotencyKey} correlation {CorrelationId}: {Outcome} {Detail}")]
    public static partial void Effect(
        ILogger logger,
        LogLevel level,
        string system,
        SimulationLedger.Effect effect,
        string? orderId,
        string? idempotencyKey,
        string? correlationId,
        string outcome,
        string? detail);

    [LoggerMessage(EventId = 2, Message = "erp CustomerCheck customer {CustomerId} partner {PartnerId} key {IdempotencyKey} correlation {CorrelationId}: {Outcome} {Detail}")]
    public static partial void CustomerCheck(
        ILogger logger,
        LogLevel level,
        string customerId,
        string? partnerId,
        string? idempotencyKey,
        string? correlationId,
        string outcome,
        string? detail);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "Faults set for {Systems}: latencyMs {LatencyMs}, errorRate {ErrorRate}, dropResponseRate {DropResponseRate}, down {Down}, rejectSkus [{RejectSkus}]")]
    public static partial void FaultsSet(
        ILogger logger,
        string systems,
        int latencyMs,
        double errorRate,
        double dropResponseRate,
        bool down,
        string rejectSkus);

    [LoggerMessage(EventId = 4, Message = "erp StockSnapshot after {After} limit {Limit} key {IdempotencyKey} correlation {CorrelationId}: {Outcome} {Detail}")]
    public static partial void StockSnapshot(
        ILogger logger,
        LogLevel level,
        string? after,
        int? limit,
        string? idempotencyKey,
        string? correlationId,
        string outcome,
        string? detail);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Stock set for {Sku}: onHand {OnHand}, erpSequence {ErpSequence}")]
    public static partial void StockSet(ILogger logger, string sku, int onHand, long erpSequence);
}
