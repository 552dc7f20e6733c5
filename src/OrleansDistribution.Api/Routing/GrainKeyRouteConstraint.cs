using System.Globalization;

namespace OrleansDistribution.Api.Routing;

/// <summary>
/// <c>{id:key}</c>: a route value that can name a grain (1-256 characters, not blank, no control or format characters).
/// Anything else cannot exist, so the route does not match and the caller gets a 404 problem instead of the
/// request reaching a grain factory that refuses the key.
/// </summary>
public sealed class GrainKeyRouteConstraint : IRouteConstraint
{
    /// <summary>The name used in route templates.</summary>
    public const string Name = "key";

    /// <summary>Longest key accepted.</summary>
    public const int MaxLength = 256;

    /// <inheritdoc />
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var raw)
        && Convert.ToString(raw, CultureInfo.InvariantCulture) is { Length: > 0 and <= MaxLength } value
        && !string.IsNullOrWhiteSpace(value)
        && !value.Any(Contracts.Validation.TextRules.IsHidden);
}
