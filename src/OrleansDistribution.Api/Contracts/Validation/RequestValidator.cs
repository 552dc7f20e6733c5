using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Validation;

namespace OrleansDistribution.Api.Contracts.Validation;

/// <summary>
/// The framework's validator (the same generated rules, from the same attributes), called by a handler rather than by
/// the validation endpoint filter. Used where the filter costs too much: POST /v1/orders, the hot path. With the filter
/// there, the throughput benchmark's first minute on PostgreSQL ran at a quarter of the rate (printed figure −40 %);
/// called from the handler, the figures match the build before the validation change (docs/performance.md).
/// </summary>
public sealed class RequestValidator(IOptions<ValidationOptions> options)
{
    /// <summary>The body's validation errors, keyed as the filter keys them (JSON paths after <see cref="ErrorKeys"/>); empty when valid.</summary>
#pragma warning disable ASP0029 // ValidateContext is marked experimental; it is the type the framework's own filter uses.
    public async ValueTask<Dictionary<string, string[]>> ValidateAsync<T>(T body, CancellationToken cancellationToken)
        where T : class
    {
        if (!options.Value.TryGetValidatableTypeInfo(typeof(T), out var info))
        {
            return [];
        }

        var context = new ValidateContext { ValidationOptions = options.Value, ValidationContext = new ValidationContext(body) };
        await info.ValidateAsync(body, context, cancellationToken);
        return context.ValidationErrors is { Count: > 0 } errors ? new Dictionary<string, string[]>(errors, StringComparer.Ordinal) : [];
    }
#pragma warning restore ASP0029
}
