using System.Text.Json;

namespace OrleansDistribution.Api.Contracts.Validation;

/// <summary>
/// The framework's validator names a field by its C# member path (<c>Lines[0].Sku</c>); a client knows the JSON one
/// (<c>lines[0].sku</c>). The validator has no naming hook, so the keys are rewritten once, where every validation
/// problem passes. Keys that are not member paths (<c>Idempotency-Key</c>) stay as they are.
/// </summary>
public static class ErrorKeys
{
    /// <summary>Rewrites the keys of <paramref name="errors"/> to JSON (camelCase) paths, merging any that collide.</summary>
    public static void UseJsonPaths(IDictionary<string, string[]> errors)
    {
        foreach (var key in errors.Keys.ToList())
        {
            var path = ToJsonPath(key);
            if (path == key)
            {
                continue;
            }

            var messages = errors[key];
            errors.Remove(key);
            errors[path] = errors.TryGetValue(path, out var existing) ? [.. existing, .. messages] : messages;
        }
    }

    /// <summary><c>Lines[0].UnitPrice</c> → <c>lines[0].unitPrice</c>; anything but a member path stays as it is.</summary>
    public static string ToJsonPath(string key) =>
        key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '[' or ']'))
            ? key
            : string.Join('.', key.Split('.').Select(segment => JsonNamingPolicy.CamelCase.ConvertName(segment)));
}
