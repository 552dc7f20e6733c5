using System.ComponentModel.DataAnnotations;

namespace OrleansDistribution.Api.Contracts.Validation;

/// <summary>An <c>Idempotency-Key</c> header: 1 to 255 printable ASCII characters (any of them, braces included).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class IdempotencyKeyAttribute : StringLengthAttribute
{
    /// <summary>A key of 1 to 255 printable ASCII characters.</summary>
    public IdempotencyKeyAttribute()
        : base(MaxKeyLength) => MinimumLength = 1;

    /// <summary>Longest key accepted.</summary>
    public const int MaxKeyLength = 255;

    private static readonly IdempotencyKeyAttribute Rule = new();

    /// <inheritdoc />
    public override bool IsValid(object? value) =>
        value is null || (value is string { Length: >= 1 and <= MaxKeyLength } key && key.All(c => c is >= ' ' and <= '~'));

    /// <summary>What is wrong with a header value, absent included; null when it is a usable key.</summary>
    public static string? Problem(string? value) =>
        value is null ? "Required." : Rule.IsValid(value) ? null : Rule.FormatErrorMessage(nameof(value));

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) => $"1 to {MaxKeyLength} printable ASCII characters.";
}
