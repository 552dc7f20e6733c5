using System.ComponentModel.DataAnnotations;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>POST /v1/partners body.</summary>
public sealed record CreatePartnerRequest : IRequestExample<CreatePartnerRequest>
{
    /// <summary>Quota when none is given.</summary>
    public const int DefaultRateLimitPerSecond = 100;

    /// <summary>Largest accepted quota.</summary>
    public const int MaxRateLimitPerSecond = 1_000_000;

    /// <summary>The partner's ID: letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
    [Required, StringLength(64, MinimumLength = 1)]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
        ErrorMessage = "Must be 1-64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit.")]
    public string PartnerId { get; init; } = "";

    /// <summary>Display name.</summary>
    [Required, PlainText(200)]
    public string Name { get; init; } = "";

    /// <summary>Requests per second the partner may send; 100 when absent.</summary>
    [Range(1, MaxRateLimitPerSecond)]
    public int? RateLimitPerSecond { get; init; }

    /// <inheritdoc />
    public static CreatePartnerRequest Example { get; } = new() { PartnerId = "acme-edi", Name = "ACME EDI gateway", RateLimitPerSecond = 200 };
}
