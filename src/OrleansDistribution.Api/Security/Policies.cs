using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Api.Security;

/// <summary>Authorization policies; endpoints name one of these, never a role directly.</summary>
public static class Policies
{
    /// <summary>Operator only.</summary>
    public const string Operator = "operator";

    /// <summary>An active partner.</summary>
    public const string Partner = "partner";

    /// <summary>The operator, or an active partner.</summary>
    public const string PartnerOrOperator = "partner-or-operator";

    /// <summary>Registers the policies.</summary>
    public static IServiceCollection AddDistributionPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Operator, policy => policy.RequireRole(Roles.Operator))
            .AddPolicy(Partner, policy => policy.RequireRole(Roles.Partner).RequireClaim(DistributionClaims.PartnerStatus, nameof(PartnerStatus.Active)))
            .AddPolicy(PartnerOrOperator, policy => policy.RequireAssertion(context =>
                context.User.IsInRole(Roles.Operator)
                || (context.User.IsInRole(Roles.Partner) && context.User.HasClaim(DistributionClaims.PartnerStatus, nameof(PartnerStatus.Active)))));
        return services;
    }
}
