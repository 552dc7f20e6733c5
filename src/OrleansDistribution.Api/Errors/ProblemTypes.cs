using Microsoft.AspNetCore.Mvc;

namespace OrleansDistribution.Api.Errors;

/// <summary>Builds RFC 9457 problem type URIs; each code is documented in docs/problems.md and served at its URI.</summary>
public static class ProblemTypes
{
    /// <summary>What every type URI starts with.</summary>
    public const string Prefix = "/problems/";

    /// <summary>The type URI of a problem code, relative to the API's origin.</summary>
    public static string For(string code) => Prefix + code;

    /// <summary>The code of a problem the framework made (validation, routing, binding) from its shape and status.</summary>
    public static string CodeOf(ProblemDetails problem) => problem switch
    {
        HttpValidationProblemDetails => "validation-failed",
        { Status: StatusCodes.Status401Unauthorized } => "unauthenticated",
        { Status: StatusCodes.Status403Forbidden } => "forbidden",
        { Status: StatusCodes.Status404NotFound } => "not-found",
        { Status: StatusCodes.Status405MethodNotAllowed } => "method-not-allowed",
        { Status: StatusCodes.Status413PayloadTooLarge } => "payload-too-large",
        { Status: StatusCodes.Status415UnsupportedMediaType } => "unsupported-media-type",
        { Status: StatusCodes.Status429TooManyRequests } => "rate-limited",
        { Status: StatusCodes.Status503ServiceUnavailable } => "service-unavailable",
        { Status: >= 500 } => "internal-error",
        _ => "malformed-request",
    };
}
