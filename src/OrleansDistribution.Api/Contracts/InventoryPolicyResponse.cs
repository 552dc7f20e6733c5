using System.Text.Json;
using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Api.Contracts;

/// <summary>A partner's inventory policy, every field filled (defaults included).</summary>
public sealed record InventoryPolicyResponse(
    string PartnerId, string Allocation, int Priority, decimal Share, int SafetyStock, int? MaxPerOrder, decimal PublishThreshold)
{
    /// <summary>Maps a policy.</summary>
    public static InventoryPolicyResponse From(string partnerId, InventoryPolicy policy) =>
        new(partnerId, JsonNamingPolicy.CamelCase.ConvertName(policy.Allocation.ToString()), policy.Priority, policy.Share,
            policy.SafetyStock, policy.MaxPerOrder, policy.PublishThreshold);
}
