using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>
/// What the generated OpenAPI document cannot know from the endpoints alone, added in one place: the security schemes
/// and which operations need which key (operator-only ones say so), the problem responses every caller can meet
/// (401/403/429/503, 400 where a request carries input), operation IDs, tag descriptions and the licence. The
/// document is linted with Redocly's recommended ruleset in CI (0 errors, 0 warnings).
/// </summary>
public static class OpenApiConventions
{
    /// <summary>The API key header scheme.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>HTTP Basic with the key as password (browsers, ops pages).</summary>
    public const string BasicScheme = "Basic";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Orders"] = "Order submission (idempotent by Idempotency-Key), search by business key, status, cancellation.",
        ["Inventory"] = "Stock positions per SKU: on hand, reserved, available.",
        ["Partners"] = "Partner onboarding, standing, limits, API keys and contract price lists (operator).",
        ["Audit"] = "The operator's audit log of partner changes (operator).",
        ["Webhooks"] = "Signed webhook endpoints for a partner's feed events, with their delivery logs (partners; the operator reads).",
        ["Shipments"] = "Carrier milestones for released orders (operator).",
        ["Exceptions"] = "Exception queues by business cause: list, retry, resolve, bulk replay (operator).",
        ["Operations"] = "The operations KPIs the ops console draws: the last 15 minutes per minute and the cluster's state now (operator).",
        ["Events"] = "Status events over Server-Sent Events: a partner's feed, resumable by Last-Event-ID, or everything live (operator).",
        ["Feed"] = "The durable per-partner feed of events, with cursors and a retention (partners and operator).",
        ["Schemas"] = "JSON Schemas of the events on the stream, by type and version (partners and operator).",
        ["Health"] = "Liveness and readiness probes.",
    };

    /// <summary>Registers the transformers on the OpenAPI options.</summary>
    public static OpenApiOptions AddDistributionConventions(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Description = "Order, inventory and partner workflows of the distribution cluster. Problems are RFC 9457 " +
                                        "application/problem+json; every type URI resolves to its documentation under /problems/.";
            document.Info.License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://example.invalid/orleans-distribution/license") };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "A partner's key (from onboarding) or the operator's key (Distribution:AdminApiKey).",
            };
            document.Components.SecuritySchemes[BasicScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "Any user name, the API key as password (what a browser can send).",
            };
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            document.Tags ??= new HashSet<OpenApiTag>();
            foreach (var (name, description) in TagDescriptions)
            {
                if (document.Tags.FirstOrDefault(tag => tag.Name == name) is { } tag)
                {
                    tag.Description = description;
                }
            }

            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var method = context.Description.HttpMethod ?? "GET";
            operation.OperationId ??= OperationIdOf(method, context.Description.RelativePath ?? string.Empty);
            operation.Responses ??= new OpenApiResponses();
            var anonymous = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
            if (anonymous)
            {
                operation.Security = [];
            }
            else
            {
                var policies = metadata.OfType<IAuthorizeData>().Select(data => data.Policy).ToList();
                var operatorOnly = policies.Contains(Policies.Operator);
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BasicScheme, context.Document)] = [] },
                ];
                if (operatorOnly)
                {
                    operation.Description = string.IsNullOrWhiteSpace(operation.Description)
                        ? "Operator only: needs the operator's key."
                        : $"{operation.Description}\n\nOperator only: needs the operator's key.";
                }

                Add(operation, "401", "No API key, or an unknown one (problem: unauthenticated).");
                Add(operation, "403", operatorOnly ? "Not the operator's key (problem: forbidden)." : "The key may not use this resource, or the partner is suspended (problem: forbidden, partner-suspended).");
                Add(operation, "429", "Over the partner's rate limit, or too many unknown keys from this address (problem: rate-limited); on POST /v1/orders also " +
                                      "the partner's daily order quota is spent (problem: quota-exhausted). Retry-After says when to retry.");
            }

            if (context.Description.ParameterDescriptions.Count > 0 || method is "POST" or "PUT")
            {
                Add(operation, "400", "The request is malformed or a field is invalid (problem: validation-failed, malformed-request).");
            }

            Add(operation, "503", "The cluster could not complete the call; nothing was half-done. Retry (problem: service-unavailable).");
            return Task.CompletedTask;
        });

        return options;
    }

    private static void Add(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses is { } responses && !responses.ContainsKey(status))
        {
            responses[status] = new OpenApiResponse { Description = description };
        }
    }

    /// <summary>"PUT v1/inventory/{sku}" → "putV1InventoryBySku": stable, readable, unique per method and path.</summary>
    private static string OperationIdOf(string method, string path)
    {
        var words = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(segment =>
            segment.StartsWith('{')
                ? "By" + Pascal(segment.Trim('{', '}').Split(':')[0])
                : Pascal(segment));
        return method.ToLowerInvariant() + string.Concat(words);
    }

    private static string Pascal(string word) =>
        string.Concat(word.Split('-', '.', '_').Where(part => part.Length > 0).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
