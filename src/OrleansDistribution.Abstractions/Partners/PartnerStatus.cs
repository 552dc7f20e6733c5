namespace OrleansDistribution.Abstractions.Partners;

/// <summary>Whether a partner may trade.</summary>
[GenerateSerializer]
[Alias("PartnerStatus")]
public enum PartnerStatus
{
    /// <summary>Trading.</summary>
    Active = 0,
    /// <summary>Authenticated but refused (403).</summary>
    Suspended = 1,
}
