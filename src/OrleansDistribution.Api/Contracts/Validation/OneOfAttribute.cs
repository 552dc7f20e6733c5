using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace OrleansDistribution.Api.Contracts.Validation;

/// <summary>
/// A string that must be one of a set of names, compared without regard to case: an enum's member names, or a class's
/// static <c>All</c> list (numbers are refused even where an enum would parse them); on a list, each of its items. The names reach the OpenAPI
/// schema as its <c>enum</c> (<see cref="ValidationSchemaTransformer"/>); <c>null</c> passes (pair with
/// <see cref="RequiredAttribute"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class OneOfAttribute(Type names) : ValidationAttribute
{
    /// <summary>The accepted names, as the contract spells them.</summary>
    public IReadOnlyList<string> Names { get; } = names.IsEnum
        ? Enum.GetNames(names)
        : (IReadOnlyList<string>)(names.GetProperty("All", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            ?? throw new ArgumentException($"{names} is neither an enum nor has a static All list.", nameof(names)));

    /// <inheritdoc />
    public override bool IsValid(object? value) => value switch
    {
        null => true,
        string text => Names.Contains(text, StringComparer.OrdinalIgnoreCase),
        // A list of names: each item must be one (null items are NoNullItems' to report).
        IEnumerable<string?> items => items.All(item => item is null || Names.Contains(item, StringComparer.OrdinalIgnoreCase)),
        _ => false,
    };

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) => $"Must be one of: {string.Join(", ", Names)}.";

    /// <summary>The enum member a validated value names.</summary>
    public static TEnum Parse<TEnum>(string value)
        where TEnum : struct, Enum => Enum.Parse<TEnum>(value, ignoreCase: true);
}
