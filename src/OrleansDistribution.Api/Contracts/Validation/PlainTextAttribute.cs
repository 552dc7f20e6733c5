using System.ComponentModel.DataAnnotations;

namespace OrleansDistribution.Api.Contracts.Validation;

/// <summary>
/// Free text an operator can read back safely (names, notes, carrier, tracking numbers): not blank when given,
/// at most a maximum number of characters, no control characters (NUL, ESC, line breaks) and no format
/// characters (bidirectional overrides such as U+202E, zero-width characters) that would make a timeline lie about
/// its text. A <see cref="StringLengthAttribute"/>, so the length reaches the OpenAPI schema.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class PlainTextAttribute : StringLengthAttribute
{
    /// <summary>Text of at most <paramref name="maxLength"/> characters.</summary>
    public PlainTextAttribute(int maxLength)
        : base(maxLength) => MinimumLength = 1;

    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string text)
        {
            return ValidationResult.Success;
        }

        var error = string.IsNullOrWhiteSpace(text) ? "Must not be blank when given."
            : text.Length > MaximumLength ? $"At most {MaximumLength} characters."
            : text.Any(TextRules.IsHidden) ? "Must not contain control characters (such as NUL, ESC or line breaks) or format characters (such as U+202E)."
            : null;
        return error is null ? ValidationResult.Success : new ValidationResult(error, validationContext.MemberName is { } member ? [member] : null);
    }
}
