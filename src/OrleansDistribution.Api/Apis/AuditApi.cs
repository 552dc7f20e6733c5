using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Api.Contracts;
using OrleansDistribution.Api.Contracts.Validation;
using OrleansDistribution.Api.Security;

namespace OrleansDistribution.Api.Apis;

/// <summary>The operator's audit log of partner changes: onboarding, standing, limits, keys, price lists, inventory policy.</summary>
public static class AuditApi
{
    /// <summary>Entries per page when no limit is given.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Most entries per page.</summary>
    public const int MaxLimit = 500;

    /// <summary>Maps /v1/audit.</summary>
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/audit").WithTags("Audit").RequireAuthorization(Policies.Operator);
        group.MapGet("/", ListAsync).WithName("ListAuditEntries");
        return group;
    }

    /// <summary>
    /// A partner's audit entries after the cursor <paramref name="after"/> (a sequence; 0 or absent: from the oldest
    /// kept), oldest first, at most <paramref name="limit"/>; <c>next</c> is the cursor of the following page. The last
    /// 1,000 changes per partner are kept.
    /// </summary>
    public static async Task<Results<Ok<AuditPageResponse>, ValidationProblem>> ListAsync(
        [Required, Identifier(64)] string? partnerId, [Range(0, long.MaxValue)] long? after, [Range(1, MaxLimit)] int? limit, IGrainFactory grains)
    {
        if (partnerId is null)
        {
            // [Required] describes it in the OpenAPI document; the validator does not see an absent query value.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["partnerId"] = ["Required: the partner whose audit log to read."] });
        }

        var page = await grains.GetGrain<IPartnerAuditGrain>(partnerId).ListAsync(after ?? 0, limit ?? DefaultLimit);
        return TypedResults.Ok(new AuditPageResponse([.. page.Entries.Select(entry => AuditEntryResponse.From(partnerId!, entry))], page.Next));
    }
}
