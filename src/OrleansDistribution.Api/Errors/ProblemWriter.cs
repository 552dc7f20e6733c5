using Microsoft.AspNetCore.Mvc;

namespace OrleansDistribution.Api.Errors;

/// <summary>Writes RFC 9457 bodies from places that are not endpoints (authentication, throttling, middleware).</summary>
public sealed class ProblemWriter(IProblemDetailsService problemDetails)
{
    /// <summary>Writes an <c>application/problem+json</c> response.</summary>
    public async Task WriteAsync(HttpContext context, int status, string code, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Type = ProblemTypes.For(code), Title = title, Status = status, Detail = detail };
        if (!await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
        }
    }
}
