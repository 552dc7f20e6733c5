using OrleansDistribution.Abstractions.Partners;

namespace OrleansDistribution.Api.Contracts;

/// <summary>PUT /v1/partners/{partnerId}/status body: "Active" or "Suspended".</summary>
public sealed record SetPartnerStatusRequest(string? Status)
{
    /// <summary>Checks shape and returns the parsed status.</summary>
    public Validation Validate(out PartnerStatus status)
    {
        var validation = new Validation();
        if (!Enum.TryParse(Status, ignoreCase: true, out status) || !Enum.IsDefined(status) || int.TryParse(Status, out _))
        {
            validation.Add("status", "Must be 'Active' or 'Suspended'.");
        }

        return validation;
    }
}
