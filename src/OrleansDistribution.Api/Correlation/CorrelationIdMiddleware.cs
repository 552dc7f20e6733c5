using OrleansDistribution.Abstractions;
using OrleansDistribution.Api.Errors;

namespace OrleansDistribution.Api.Correlation;

/// <summary>
/// Sets the correlation ID once at the edge: kept from <c>X-Correlation-ID</c> or made here, echoed on the
/// response, put in the log scope and in the Orleans RequestContext so every grain call it causes carries it.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    /// <summary>The header name.</summary>
    public const string HeaderName = "X-Correlation-ID";

    private const int MaxLength = 128;

    /// <summary>Runs the middleware.</summary>
    public async Task InvokeAsync(HttpContext context, ProblemWriter problems)
    {
        var presented = context.Request.Headers[HeaderName].ToString();
        if (presented.Length > 0 && !IsValid(presented))
        {
            await problems.WriteAsync(context, StatusCodes.Status400BadRequest, "bad-header", "Bad header",
                $"{HeaderName} must be 1-{MaxLength} characters of letters, digits and . _ - : /");
            return;
        }

        var correlationId = presented.Length > 0 ? presented : Guid.NewGuid().ToString("N");
        context.Items[HeaderName] = correlationId;
        // Set when the response starts, so error responses (whose headers the exception handler clears) keep it.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = correlationId;
            return Task.CompletedTask;
        });
        Orleans.Runtime.RequestContext.Set(DistributionNames.CorrelationIdKey, correlationId);
        System.Diagnostics.Activity.Current?.SetTag(DistributionNames.CorrelationIdTag, correlationId);
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
        {
            await next(context);
        }
    }

    /// <summary>The correlation ID of the current request, if the middleware ran.</summary>
    public static string? Of(HttpContext context) => context.Items[HeaderName] as string;

    private static bool IsValid(string value) =>
        value.Length <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':' or '/');
}
