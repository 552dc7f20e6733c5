using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansDistribution.Api.Contracts.Validation;

/// <summary>
/// An RFC 3339 date-time with its offset (<c>2026-12-01T08:00:00Z</c>, <c>2026-12-01T09:00:00.5+01:00</c>): a time
/// without an offset would be read in the server's zone, so it is refused. <c>null</c> passes. The OpenAPI schema says
/// <c>format: date-time</c> (<see cref="ValidationSchemaTransformer"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed partial class Rfc3339Attribute : ValidationAttribute
{
    /// <inheritdoc />
    public override bool IsValid(object? value) => value is null || (value is string text && TryParse(text, out _));

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) => "Must be an RFC 3339 date-time with an offset, such as 2026-12-01T08:00:00Z.";

    /// <summary>Reads a value that passed validation.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        text is null ? null : TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not an RFC 3339 date-time.");

    private static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return Rfc3339Pattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,7})?([Zz]|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339Pattern();
}
