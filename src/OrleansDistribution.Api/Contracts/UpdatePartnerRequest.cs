using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// PATCH /v1/partners/{partnerId} body, a JSON merge patch (RFC 7396): a field left out stays as it is; <c>burst</c> or
/// <c>dailyQuota</c> set to null is removed (the burst follows the rate limit again; no quota); <c>name</c> and
/// <c>rateLimitPerSecond</c> cannot be removed.
/// </summary>
public sealed record UpdatePartnerRequest : IRequestExample<UpdatePartnerRequest>, IValidatableObject
{
    /// <summary>Largest accepted burst.</summary>
    public const int MaxBurst = 10_000_000;

    /// <summary>Largest accepted daily quota.</summary>
    public const int MaxDailyQuota = 1_000_000_000;

    private readonly string? _name;
    private readonly int? _rateLimitPerSecond;
    private readonly int? _burst;
    private readonly int? _dailyQuota;

    /// <summary>New display name.</summary>
    [PlainText(200)]
    public string? Name { get => _name; init => (_name, NameGiven) = (value, true); }

    /// <summary>New requests per second.</summary>
    [Range(1, CreatePartnerRequest.MaxRateLimitPerSecond)]
    public int? RateLimitPerSecond { get => _rateLimitPerSecond; init => (_rateLimitPerSecond, RateLimitGiven) = (value, true); }

    /// <summary>Requests the partner may send at once before the rate applies (at least the rate limit); null: the rate limit.</summary>
    [Range(1, MaxBurst)]
    public int? Burst { get => _burst; init => (_burst, BurstGiven) = (value, true); }

    /// <summary>Orders the partner may have accepted per UTC day (429 quota-exhausted beyond); null: no quota.</summary>
    [Range(1, MaxDailyQuota)]
    public int? DailyQuota { get => _dailyQuota; init => (_dailyQuota, DailyQuotaGiven) = (value, true); }

    /// <summary>True when the body named <see cref="Name"/>.</summary>
    [JsonIgnore] public bool NameGiven { get; private init; }

    /// <summary>True when the body named <see cref="RateLimitPerSecond"/>.</summary>
    [JsonIgnore] public bool RateLimitGiven { get; private init; }

    /// <summary>True when the body named <see cref="Burst"/> (null included: remove it).</summary>
    [JsonIgnore] public bool BurstGiven { get; private init; }

    /// <summary>True when the body named <see cref="DailyQuota"/> (null included: remove it).</summary>
    [JsonIgnore] public bool DailyQuotaGiven { get; private init; }

    // Every field set: written out, a null would mean "remove".
    /// <inheritdoc />
    public static UpdatePartnerRequest Example { get; } = new() { Name = "ACME EDI gateway", RateLimitPerSecond = 200, Burst = 400, DailyQuota = 50_000 };

    /// <summary>The change it asks for.</summary>
    public PartnerUpdate ToUpdate() => new(Name?.Trim(), RateLimitPerSecond, BurstGiven, Burst, DailyQuotaGiven, DailyQuota);

    /// <summary>Name and rate limit exist on every partner: null cannot remove them.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (NameGiven && Name is null)
        {
            yield return new ValidationResult("Cannot be removed; leave it out to keep it.", [nameof(Name)]);
        }

        if (RateLimitGiven && RateLimitPerSecond is null)
        {
            yield return new ValidationResult("Cannot be removed; leave it out to keep it.", [nameof(RateLimitPerSecond)]);
        }
    }
}
