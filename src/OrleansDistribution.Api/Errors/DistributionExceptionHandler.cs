using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;
using OrleansDistribution.Abstractions.Errors;

namespace OrleansDistribution.Api.Errors;

/// <summary>
/// The one mapping from failures to RFC 9457 responses: business refusals keep their meaning (4xx), bad
/// requests keep the status Kestrel or binding chose, and infrastructure trouble is a 503 without internals.
/// </summary>
public sealed partial class DistributionExceptionHandler(IProblemDetailsService problemDetails, ILogger<DistributionExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RuleViolationException rule => new ProblemDetails
            {
                Status = rule.Kind switch
                {
                    RuleViolationKind.NotFound => StatusCodes.Status404NotFound,
                    RuleViolationKind.Conflict => StatusCodes.Status409Conflict,
                    RuleViolationKind.Forbidden => StatusCodes.Status403Forbidden,
                    _ => StatusCodes.Status422UnprocessableEntity,
                },
                Type = ProblemTypes.For(rule.Code),
                Title = TitleOf(rule.Code),
                Detail = rule.Message,
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Type = ProblemTypes.For(bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "payload-too-large",
                    StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
                    _ => "malformed-request",
                }),
                Title = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "Request body too large",
                    StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
                    _ => "Malformed request",
                },
                Detail = DescribeBadRequest(bad),
            },
            // DbException: the ADO.NET providers (reminders, membership) surface a database outage raw, e.g. the first
            // use of a pooled connection the restarted server dropped; it is the same incident as a storage failure.
            OrleansException or TimeoutException or SiloUnavailableException or DbException => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.For("service-unavailable"),
                Title = "Service temporarily unavailable",
                Detail = "The cluster could not complete the request; nothing was lost. Retry with the same Idempotency-Key.",
            },
            _ => null,
        };

        if (problem is null)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Type = ProblemTypes.For("internal-error"),
                Title = "Unexpected error",
                Detail = "The request failed unexpectedly; the error was logged with its correlation ID.",
            };
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
            LogUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>Says what was wrong with the request without naming our internal types.</summary>
    private static string DescribeBadRequest(BadHttpRequestException bad) => bad switch
    {
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => "Send the body as application/json.",
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => "The request body is larger than the endpoint accepts (1 MiB; 4 MiB for POST /v1/inventory/sync).",
        { InnerException: System.Text.Json.JsonException json } when json.Path is not null =>
            $"The body is not valid JSON for this request at {json.Path} (line {json.LineNumber}, byte {json.BytePositionInLine}).",
        { InnerException: System.Text.Json.JsonException } => "The body is not valid JSON.",
        _ when bad.Message.Contains("no body was provided", StringComparison.Ordinal) => "A JSON request body is required.",
        _ => bad.Message,
    };

    private static string TitleOf(string code) => code switch
    {
        RuleCodes.UnknownSku => "Unknown SKU",
        RuleCodes.UnpricedSku => "SKU not priced in contract",
        RuleCodes.NoPriceList => "No contract price list",
        RuleCodes.InactiveCustomer => "Inactive customer",
        RuleCodes.PartnerSuspended => "Partner suspended",
        RuleCodes.PartnerNotFound => "Partner not found",
        RuleCodes.PartnerExists => "Partner already exists",
        RuleCodes.OrderNotFound => "Order not found",
        RuleCodes.InvalidTransition => "Not allowed in the order's status",
        RuleCodes.IdempotencyKeyReused => "Idempotency-Key reused with a different body",
        RuleCodes.PriceListVersionReused => "Price list version already exists",
        RuleCodes.ExceptionNotFound => "Exception not open",
        RuleCodes.NotRetryable => "Nothing to retry",
        RuleCodes.ResolutionNotAllowed => "Resolution not possible",
        RuleCodes.JobNotFound => "Replay job not found",
        RuleCodes.ReconciliationNotFound => "Reconciliation not found",
        RuleCodes.RefreshNotFound => "ERP stock refresh not found",
        RuleCodes.Forbidden => "Forbidden",
        RuleCodes.KeyNotFound => "API key not found",
        RuleCodes.LastActiveKey => "Last active API key",
        RuleCodes.TooManyKeys => "Too many active API keys",
        RuleCodes.BurstBelowRateLimit => "Burst below rate limit",
        RuleCodes.WebhookNotFound => "Webhook not found",
        RuleCodes.WebhookUrlNotAllowed => "Webhook URL not allowed",
        RuleCodes.WebhookLimitReached => "Too many webhook endpoints",
        _ => "Request refused",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure on {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster unavailable on {Method} {Path}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);
}
