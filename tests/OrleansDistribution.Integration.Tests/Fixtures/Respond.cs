using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OrleansDistribution.Integration.Tests.Fixtures;

/// <summary>Scripted stub behaviours.</summary>
public static class Respond
{
    /// <summary>A status with a camelCase JSON body.</summary>
    public static Func<HttpContext, Task> Json(int status, object body) => async context =>
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(body, JsonSerializerOptions.Web, context.RequestAborted);
    };

    /// <summary>A status with a JSON body given as text, for answers an object cannot spell (explicit nulls, missing fields, fractions).</summary>
    public static Func<HttpContext, Task> RawJson(int status, string body) => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    };

    /// <summary>A bare status, optionally with Retry-After in seconds.</summary>
    public static Func<HttpContext, Task> Status(int status, int? retryAfterSeconds = null) => context =>
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    };

    /// <summary>An RFC 9457 problem with a detail.</summary>
    public static Func<HttpContext, Task> Problem(int status, string detail) => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { type = "about:blank", title = "Refused", status, detail }), context.RequestAborted);
    };

    /// <summary>Waits (until the client gives up), then behaves as <paramref name="then"/>.</summary>
    public static Func<HttpContext, Task> After(TimeSpan delay, Func<HttpContext, Task> then) => async context =>
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await then(context);
    };

    /// <summary>Drops the connection without answering: the server acted, the caller never hears.</summary>
    public static Func<HttpContext, Task> DropConnection() => context =>
    {
        context.Abort();
        return Task.CompletedTask;
    };
}
