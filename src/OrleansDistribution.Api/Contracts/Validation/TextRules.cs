using System.Globalization;

namespace OrleansDistribution.Api.Contracts.Validation;

/// <summary>What the API refuses in any text it stores, the rule behind the text attributes and the route constraint.</summary>
public static class TextRules
{
    /// <summary>Control (Cc) or format (Cf) characters: invisible, or changing how the text around them reads.</summary>
    public static bool IsHidden(char c) => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format;

    /// <summary>True when the text can name something: no whitespace, control or format characters, no '/'.</summary>
    public static bool IsIdentifier(string value) => !value.Any(c => char.IsWhiteSpace(c) || IsHidden(c) || c == '/');
}
