using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace OrleansDistribution.Api.Contracts;

/// <summary>Puts each request body type's <see cref="IRequestExample{TSelf}.Example"/> on the operations that take it.</summary>
public sealed class RequestExampleTransformer(IOptions<JsonOptions> json) : IOpenApiOperationTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var body = context.Description.ParameterDescriptions
            .FirstOrDefault(parameter => parameter.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body)?.Type;
        if (body is not null && ExampleOf(body) is { } example && operation.RequestBody?.Content is { } content)
        {
            var node = JsonSerializer.SerializeToNode(example, body, json.Value.SerializerOptions);
            foreach (var media in content.Values.OfType<OpenApiMediaType>())
            {
                media.Example = node?.DeepClone();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The example a request body type carries, if it is an <see cref="IRequestExample{TSelf}"/>.</summary>
    public static object? ExampleOf(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestExample<>))
            ? type.GetProperty(nameof(IRequestExample<NoteRequest>.Example), BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            : null;
}
