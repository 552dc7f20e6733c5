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

    /// <summary>Who may state stock: the ERP integration, or the operator acting for it. Channels never write stock.</summary>
    public const string StockWriter = "stock-writer";

    /// <summary>Who may read a position: the stock writers, or an active partner (its own view).</summary>
    public const string InventoryReader = "inventory-reader";

    /// <summary>Registers the policies.</summary>
    public static IServiceCollection AddDistributionPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Operator, policy => policy.RequireRole(Roles.Operator))
            .AddPolicy(Partner, policy => policy.RequireRole(Roles.Partner).RequireClaim(DistributionClaims.PartnerStatus, nameof(PartnerStatus.Active)))
            .AddPolicy(StockWriter, policy => policy.RequireRole(Roles.Operator, Roles.Erp))
            .AddPolicy(InventoryReader, policy => policy.RequireAssertion(context =>
                context.User.IsInRole(Roles.Operator) || context.User.IsInRole(Roles.Erp)
                || (context.User.IsInRole(Roles.Partner) && context.User.HasClaim(DistributionClaims.PartnerStatus, nameof(PartnerStatus.Active)))))
            .AddPolicy(PartnerOrOperator, policy => policy.RequireAssertion(context =>
                context.User.IsInRole(Roles.Operator)
                || (context.User.IsInRole(Roles.Partner) && context.User.HasClaim(DistributionClaims.PartnerStatus, nameof(PartnerStatus.Active)))));
        return services;
    }
}
