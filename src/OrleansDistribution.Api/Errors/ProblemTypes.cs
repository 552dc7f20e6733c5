namespace OrleansDistribution.Api.Errors;

/// <summary>Builds RFC 9457 problem type URIs; each code is documented in docs/problems.md.</summary>
public static class ProblemTypes
{
    /// <summary>The type URI of a problem code, relative to the API's origin.</summary>
    public static string For(string code) => $"/problems/{code}";
}
