using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace OrleansDistribution.Api.Contracts.Validation;

/// <summary>
/// The framework's validator names a field by its C# path (<c>Lines[0].Sku</c>, parameter <c>idempotencyKey</c>); a
/// client knows the JSON path (<c>lines[0].sku</c>) and the header's name (<c>Idempotency-Key</c>). The validator has
/// no naming hook, so the keys are rewritten once, where every validation problem passes.
/// </summary>
public static class ErrorKeys
{
    /// <summary>Rewrites the keys of <paramref name="errors"/> to what the client sent, merging any that collide.</summary>
    public static void UseClientNames(IDictionary<string, string[]> errors, HttpContext context)
    {
        var headers = context.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
            .Select(parameter => (parameter.Name, Header: parameter.GetCustomAttribute<FromHeaderAttribute>()?.Name))
            .Where(parameter => parameter is { Name: not null, Header: not null })
            .ToDictionary(parameter => parameter.Name!, parameter => parameter.Header!, StringComparer.Ordinal);
        foreach (var key in errors.Keys.ToList())
        {
            var name = headers is not null && headers.TryGetValue(key, out var header) ? header : ToJsonPath(key);
            if (name == key)
            {
                continue;
            }

            var messages = errors[key];
            errors.Remove(key);
            errors[name] = errors.TryGetValue(name, out var existing) ? [.. existing, .. messages] : messages;
        }
    }

    /// <summary><c>Lines[0].UnitPrice</c> → <c>lines[0].unitPrice</c>; anything but a member path stays as it is.</summary>
    public static string ToJsonPath(string key) =>
        key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '[' or ']'))
            ? key
            : string.Join('.', key.Split('.').Select(segment => JsonNamingPolicy.CamelCase.ConvertName(segment)));
}
