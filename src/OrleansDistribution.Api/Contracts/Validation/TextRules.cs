namespace OrleansDistribution.Api.Contracts;

/// <summary>Collects field errors for an RFC 9457 validation problem.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no error was recorded.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>Records an error for a field (JSON path in camelCase).</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Records an error unless the value is a usable identifier (1..max chars, no spaces or control characters).</summary>
    public void RequireIdentifier(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Required.");
        }
        else if (value.Length > maxLength || value.Any(c => char.IsWhiteSpace(c) || IsHidden(c) || c == '/'))
        {
            Add(field, $"Must be 1-{maxLength} characters without spaces, control or format characters, or '/'.");
        }
    }

    /// <summary>
    /// Records an error unless the value is free text an operator can read back safely: at most
    /// <paramref name="maxLength"/> characters, no control characters (NUL, ESC, line breaks) and no format characters
    /// (bidirectional overrides such as U+202E, zero-width characters) that would make a timeline lie about its text.
    /// </summary>
    public void RequireText(string field, string? value, int maxLength, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required || value is { Length: > 0 })
            {
                Add(field, required ? "Required." : "Must not be blank when given.");
            }
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }
        else if (value.Any(IsHidden))
        {
            Add(field, "Must not contain control characters (such as NUL, ESC or line breaks) or format characters (such as U+202E).");
        }
    }

    /// <summary>Control (Cc) or format (Cf) characters: invisible, or changing how the text around them reads.</summary>
    public static bool IsHidden(char c) => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    /// <summary>The errors in the shape <c>TypedResults.ValidationProblem</c> takes.</summary>
    public IDictionary<string, string[]> Errors => _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
