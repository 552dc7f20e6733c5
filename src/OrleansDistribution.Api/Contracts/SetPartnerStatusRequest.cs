using System.ComponentModel.DataAnnotations;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>PUT /v1/partners/{partnerId}/status body.</summary>
public sealed record SetPartnerStatusRequest : IRequestExample<SetPartnerStatusRequest>
{
    /// <summary>The partner's new standing; a suspended partner's keys and open streams stop working.</summary>
    [Required, OneOf(typeof(PartnerStatus))]
    public string Status { get; init; } = "";

    /// <inheritdoc />
    public static SetPartnerStatusRequest Example { get; } = new() { Status = nameof(PartnerStatus.Suspended) };
}
