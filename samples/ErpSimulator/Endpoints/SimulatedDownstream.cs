using ErpSimulator.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansDistribution.Integration.Ports;
using OrleansDistribution.Integration.Simulated;

namespace ErpSimulator.Endpoints;

/// <summary>
/// What every ERP and WMS request goes through, in the order the in-process SimulatedErp and SimulatedWarehouse
/// use: counted in the ledger, met by the faults in force, applied once per Idempotency-Key, then answered, or
/// its answer lost. Fault and idempotency decisions stay in <see cref="FaultInjector"/> and <see cref="SimulationLedger"/>.
/// </summary>
public sealed class SimulatedDownstream(
    FaultInjector faults,
    SimulationLedger ledger,
    SimulatedErpStock stock,
    IOptions<SimulationOptions> options,
    ILogger<SimulatedDownstream> logger)
{
    /// <summary>Header that makes a retried call safe.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Header carrying the channel request's correlation ID.</summary>
    public const string CorrelationIdHeader = "X-Correlation-ID";

    /// <summary>Seconds a caller is asked to wait while the system is down.</summary>
    private const string RetryAfterSeconds = "1";

    /// <summary>Performs an order, release or cancel effect and answers with <paramref name="respond"/> of its reference.</summary>
    public async Task<Results<Ok<TResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> PerformAsync<TResponse>(
        HttpContext http,
        SimulationLedger.Effect effect,
        string? orderId,
        IEnumerable<string> skus,
        Dictionary<string, string[]> errors,
        Func<string, TResponse> respond)
    {
        var system = SystemOf(effect);
        var idempotencyKey = HeaderOf(http, IdempotencyKeyHeader);
        var correlationId = HeaderOf(http, CorrelationIdHeader);
        if (string.IsNullOrWhiteSpace(orderId))
        {
            errors["orderId"] = ["Required."];
        }

        // A real ERP insists on the key: without it a retry after a lost response would act twice.
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            errors[IdempotencyKeyHeader] = ["Required, so that a retried call does not act twice."];
        }

        if (string.IsNullOrWhiteSpace(orderId) || string.IsNullOrWhiteSpace(idempotencyKey) || errors.Count > 0)
        {
            SimulatorLog.Effect(logger, LogLevel.Warning, system, effect, orderId, idempotencyKey, correlationId, "BadRequest", string.Join(", ", errors.Keys));
            return TypedResults.ValidationProblem(errors);
        }

        ledger.Received(orderId, correlationId);
        var (outcome, reason) = await faults.DecideAsync(system, skus, http.RequestAborted);
        if (FaultProblem(http, system, outcome, reason, orderId, correlationId) is { } problem)
        {
            SimulatorLog.Effect(logger, LogLevel.Warning, system, effect, orderId, idempotencyKey, correlationId, outcome.ToString(), reason);
            return problem;
        }

        var reference = ledger.Apply(orderId, idempotencyKey, effect, () => ReferenceOf(effect, orderId));
        if (outcome == SimulatedOutcome.ProceedThenDropResponse)
        {
            SimulatorLog.Effect(logger, LogLevel.Warning, system, effect, orderId, idempotencyKey, correlationId, outcome.ToString(), reference);
            http.Abort();
            return TypedResults.Empty;
        }

        SimulatorLog.Effect(logger, LogLevel.Information, system, effect, orderId, idempotencyKey, correlationId, outcome.ToString(), reference);
        return TypedResults.Ok(respond(reference));
    }

    /// <summary>Answers a customer check: active unless the ID has the inactive prefix; ERP faults apply, nothing is booked.</summary>
    public async Task<Results<Ok<CustomerResponse>, ProblemHttpResult, EmptyHttpResult>> CheckCustomerAsync(
        HttpContext http,
        string customerId,
        string? partnerId)
    {
        var idempotencyKey = HeaderOf(http, IdempotencyKeyHeader);
        var correlationId = HeaderOf(http, CorrelationIdHeader);
        var (outcome, reason) = await faults.DecideAsync(DownstreamSystem.Erp, [], http.RequestAborted);
        if (FaultProblem(http, DownstreamSystem.Erp, outcome, reason, null, correlationId) is { } problem)
        {
            SimulatorLog.CustomerCheck(logger, LogLevel.Warning, customerId, partnerId, idempotencyKey, correlationId, outcome.ToString(), reason);
            return problem;
        }

        var inactive = customerId.StartsWith(options.Value.InactiveCustomerPrefix, StringComparison.OrdinalIgnoreCase);
        var answer = inactive
            ? new CustomerResponse(customerId, false, $"Customer '{customerId}' is inactive in the ERP.")
            : new CustomerResponse(customerId, true, null);
        var detail = inactive ? "inactive" : "active";
        if (outcome == SimulatedOutcome.ProceedThenDropResponse)
        {
            SimulatorLog.CustomerCheck(logger, LogLevel.Warning, customerId, partnerId, idempotencyKey, correlationId, outcome.ToString(), detail);
            http.Abort();
            return TypedResults.Empty;
        }

        SimulatorLog.CustomerCheck(logger, LogLevel.Information, customerId, partnerId, idempotencyKey, correlationId, outcome.ToString(), detail);
        return TypedResults.Ok(answer);
    }

    /// <summary>
    /// Answers one page of the stock book (the in-process SimulatedErp's order: the limit is checked, then the ERP's
    /// faults apply; <c>rejectSkus</c> is a commit rule and refuses no read). Nothing is booked, so no key is required.
    /// </summary>
    public async Task<Results<Ok<StockPageResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> ReadStockAsync(
        HttpContext http,
        string? after,
        int? limit)
    {
        var idempotencyKey = HeaderOf(http, IdempotencyKeyHeader);
        var correlationId = HeaderOf(http, CorrelationIdHeader);
        if (limit is not { } size || !SimulatedErpStock.IsValidLimit(size))
        {
            var problem = $"Must be between 1 and {SimulatedErpStock.MaxPageSize}.";
            SimulatorLog.StockSnapshot(logger, LogLevel.Warning, after, limit, idempotencyKey, correlationId, "BadRequest", "limit");
            // The detail is what the HTTP adapter reports as the refusal's reason.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [problem] }, detail: $"limit: {problem}");
        }

        var (outcome, reason) = await faults.DecideAsync(DownstreamSystem.Erp, [], http.RequestAborted);
        if (FaultProblem(http, DownstreamSystem.Erp, outcome, reason, null, correlationId) is { } fault)
        {
            SimulatorLog.StockSnapshot(logger, LogLevel.Warning, after, size, idempotencyKey, correlationId, outcome.ToString(), reason);
            return fault;
        }

        // An empty cursor names no SKU (every SKU has a character), so it reads from the start like an absent one.
        var page = stock.Page(string.IsNullOrEmpty(after) ? null : after, size);
        var detail = $"{page.Positions.Count} position(s), next {page.Next ?? "none"}";
        if (outcome == SimulatedOutcome.ProceedThenDropResponse)
        {
            SimulatorLog.StockSnapshot(logger, LogLevel.Warning, after, size, idempotencyKey, correlationId, outcome.ToString(), detail);
            http.Abort();
            return TypedResults.Empty;
        }

        SimulatorLog.StockSnapshot(logger, LogLevel.Information, after, size, idempotencyKey, correlationId, outcome.ToString(), detail);
        return TypedResults.Ok(new StockPageResponse(
            [.. page.Positions.Select(StockPosition.From)],
            page.Next));
    }

    /// <summary>The problem an injected fault answers with, or null when the request goes ahead.</summary>
    private static ProblemHttpResult? FaultProblem(
        HttpContext http,
        string system,
        SimulatedOutcome outcome,
        string? reason,
        string? orderId,
        string? correlationId)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["system"] = system };
        if (orderId is not null)
        {
            extensions["orderId"] = orderId;
        }

        if (correlationId is not null)
        {
            extensions["correlationId"] = correlationId;
        }

        switch (outcome)
        {
            case SimulatedOutcome.Down:
                http.Response.Headers.RetryAfter = RetryAfterSeconds;
                return TypedResults.Problem(reason, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", extensions: extensions);
            case SimulatedOutcome.Error:
                return TypedResults.Problem(reason, statusCode: StatusCodes.Status500InternalServerError, title: "Internal error", extensions: extensions);
            case SimulatedOutcome.Reject:
                return TypedResults.Problem(reason, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Rejected", extensions: extensions);
            default:
                return null;
        }
    }

    private static string SystemOf(SimulationLedger.Effect effect) => effect switch
    {
        SimulationLedger.Effect.Commit or SimulationLedger.Effect.ErpCancel => DownstreamSystem.Erp,
        _ => DownstreamSystem.Warehouse,
    };

    // The same references as the in-process simulation, so switching between the two changes nothing visible.
    private static string ReferenceOf(SimulationLedger.Effect effect, string orderId) => effect switch
    {
        SimulationLedger.Effect.Commit => $"ERP-{orderId}",
        SimulationLedger.Effect.Release => $"WMS-{orderId}",
        _ => "cancelled",
    };

    private static string? HeaderOf(HttpContext http, string name)
    {
        var value = http.Request.Headers[name].ToString();
        return value.Length > 0 ? value : null;
    }
}
