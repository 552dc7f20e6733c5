using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansDistribution.Api.Contracts.Validation;

/// <summary>
/// Writes what the framework's schema generator does not read from our own attributes: a <see cref="OneOfAttribute"/>'s
/// names become the schema's <c>enum</c>, a <see cref="Rfc3339Attribute"/>'s string is a <c>date-time</c>, and a
/// <c>[Required]</c> field is not nullable (the type may be, so that an absent value is seen and refused rather than
/// read as 0). The lengths of <see cref="IdentifierAttribute"/> and
/// <see cref="PlainTextAttribute"/> arrive by themselves (they are <c>StringLength</c> attributes), as do
/// <c>Range</c>, <c>Length</c> and <c>RegularExpression</c>.
/// </summary>
public sealed class ValidationSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var attributes = context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(inherit: true)
            ?? (context.ParameterDescription?.ParameterDescriptor is Microsoft.AspNetCore.Mvc.Infrastructure.IParameterInfoParameterDescriptor parameter
                ? parameter.ParameterInfo.GetCustomAttributes().ToArray<object>()
                : []);
        var required = attributes.OfType<System.ComponentModel.DataAnnotations.RequiredAttribute>().Any();
        if (attributes.OfType<OneOfAttribute>().FirstOrDefault() is { } listOneOf
            && schema.Type is { } listType && listType.HasFlag(JsonSchemaType.Array))
        {
            // A list of names: the enum belongs to its items.
            if (schema.Items is OpenApiSchema items)
            {
                items.Enum = [.. listOneOf.Names.Select(name => (JsonNode)JsonValue.Create(name))];
            }
        }
        else if (attributes.OfType<OneOfAttribute>().FirstOrDefault() is { } oneOf)
        {
            schema.Enum = [.. oneOf.Names.Select(name => (JsonNode)JsonValue.Create(name))];
            if (!required && schema.Type is { } optional && optional.HasFlag(JsonSchemaType.Null))
            {
                // An optional field may be sent as null (the same as leaving it out): the enum has to say so too.
                schema.Enum.Add(null!);
            }
        }

        if (attributes.OfType<Rfc3339Attribute>().Any())
        {
            schema.Format = "date-time";
        }

        if (required && schema.Type is { } type)
        {
            schema.Type = type & ~JsonSchemaType.Null;
        }

        return Task.CompletedTask;
    }
}
