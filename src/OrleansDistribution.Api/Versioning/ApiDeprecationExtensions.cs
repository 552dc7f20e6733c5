namespace OrleansDistribution.Api.Versioning;

/// <summary>Deprecation and sunset headers (RFC 9745, RFC 8594) on every /v1 response, when an end of v1 is configured.</summary>
public static class ApiDeprecationExtensions
{
    /// <summary>Reads the announcement now, so a wrong value stops the start with its message.</summary>
    public static WebApplicationBuilder AddApiDeprecation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ApiDeprecation.From(builder.Configuration));
        return builder;
    }

    /// <summary>Adds the headers to /v1 responses, errors included: a client learns of the end whatever it called.</summary>
    public static WebApplication UseApiDeprecation(this WebApplication app)
    {
        var deprecation = app.Services.GetRequiredService<ApiDeprecation>();
        if (!deprecation.IsAnnounced)
        {
            return app;
        }

        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    if (deprecation.DeprecationHeader is { } at)
                    {
                        headers["Deprecation"] = at;
                    }

                    if (deprecation.SunsetHeader is { } sunset)
                    {
                        headers["Sunset"] = sunset;
                    }

                    if (deprecation.LinkHeader is { } link)
                    {
                        headers.Append("Link", link);
                    }

                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }
}
