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
        else if (value.Length > maxLength || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '/'))
        {
            Add(field, $"Must be 1-{maxLength} characters without spaces, control characters or '/'.");
        }
    }

    /// <summary>The errors in the shape <c>TypedResults.ValidationProblem</c> takes.</summary>
    public IDictionary<string, string[]> Errors => _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
