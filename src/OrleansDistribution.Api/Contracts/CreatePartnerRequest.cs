using System.Text.RegularExpressions;

namespace OrleansDistribution.Api.Contracts;

/// <summary>POST /v1/partners body.</summary>
public sealed partial record CreatePartnerRequest(string? PartnerId, string? Name, int? RateLimitPerSecond)
{
    /// <summary>Quota when none is given.</summary>
    public const int DefaultRateLimitPerSecond = 100;

    /// <summary>Largest accepted quota.</summary>
    public const int MaxRateLimitPerSecond = 1_000_000;

    /// <summary>Checks shape.</summary>
    public Validation Validate()
    {
        var validation = new Validation();
        if (string.IsNullOrWhiteSpace(PartnerId))
        {
            validation.Add("partnerId", "Required.");
        }
        else if (!PartnerIdPattern().IsMatch(PartnerId))
        {
            validation.Add("partnerId", "Must be 1-64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }

        validation.RequireText("name", Name, 200, required: true);

        if (RateLimitPerSecond is < 1 or > MaxRateLimitPerSecond)
        {
            validation.Add("rateLimitPerSecond", $"Must be between 1 and {MaxRateLimitPerSecond}.");
        }

        return validation;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex PartnerIdPattern();
}
