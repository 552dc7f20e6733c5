using System.Diagnostics;
using OrleansDistribution.Api.Apis;
using OrleansDistribution.Api.Security;
using OrleansDistribution.Grains.Telemetry;

namespace OrleansDistribution.Api.Telemetry;

/// <summary>
/// Measures what partners experience, outside everything else so that every answer is seen the way the partner got it
/// (problems written by the exception handler, status code pages, authentication and the rate limiter included): order
/// submissions' latency by outcome, and every /v1 request of a partner, or of a caller that could not be authenticated,
/// that ended in a problem, by its problem type (<see cref="OperationsMetrics"/>). The operator's and the ERP's own
/// mistakes are not partner failures and are not counted.
/// </summary>
public sealed class PartnerRequestMetrics(RequestDelegate next, OperationsMetrics metrics)
{
    private const string ProblemCodeItem = "distribution.problem-code";

    /// <summary>Remembers the problem type code written for this request (called wherever a problem is written).</summary>
    public static void ProblemWritten(HttpContext context, string code) => context.Items[ProblemCodeItem] = code;

    /// <summary>Runs the request and records it.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            Record(context, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Record(HttpContext context, TimeSpan elapsed)
    {
        var partnerId = context.User.GetPartnerId();
        if (partnerId is null && context.User.Identity?.IsAuthenticated == true)
        {
            // The operator or the ERP: not partner traffic.
            return;
        }

        var status = context.Response.StatusCode;
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path.Value is "/v1/orders" or "/v1/orders/")
        {
            metrics.Submission(partnerId, status, context.Response.Headers.ContainsKey(OrdersApi.ReplayedHeader), elapsed);
        }

        if (status >= StatusCodes.Status400BadRequest && request.Path.StartsWithSegments("/v1"))
        {
            var reason = context.Items.TryGetValue(ProblemCodeItem, out var code) && code is string written ? written : $"http-{status}";
            metrics.Failure(partnerId, reason);
        }
    }
}
