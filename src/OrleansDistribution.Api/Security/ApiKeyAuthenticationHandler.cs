using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Api.Errors;

namespace OrleansDistribution.Api.Security;

/// <summary>
/// Authenticates <c>X-Api-Key</c>, or HTTP Basic with the key as password (what a browser can send to the
/// dashboard). The key names the operator or a partner; partner keys are looked up by hash.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OperatorKey operatorKey,
    ErpKey erpKey,
    PartnerKeyCache partners,
    AuthenticationFailures failures,
    ProblemWriter problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header channels send their key in.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = PresentedKey(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (ApiKeys.Matches(key, operatorKey.Value))
        {
            return Success([new Claim(ClaimTypes.Name, "operator"), new Claim(ClaimTypes.Role, Roles.Operator)]);
        }

        if (erpKey.Value is { } erp && ApiKeys.Matches(key, erp))
        {
            return Success([new Claim(ClaimTypes.Name, "erp"), new Claim(ClaimTypes.Role, Roles.Erp)]);
        }

        var keyHash = ApiKeys.Hash(key);
        var profile = await partners.ResolveAsync(keyHash);
        if (profile is null)
        {
            failures.Failed(AuthenticationFailures.AddressOf(Context), "unknown-key");
            return AuthenticateResult.Fail("Unknown API key.");
        }

        return Success(PartnerClaims(profile, keyHash));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Browser-facing ops pages get a Basic challenge so the browser asks for the operator key.
        Response.Headers.WWWAuthenticate = IsBrowserSurface()
            ? "Basic realm=\"OrleansDistribution operations\", charset=\"UTF-8\""
            : $"{SchemeName} header=\"{HeaderName}\"";
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure is not null
            ? "The API key is not known."
            : $"Send an API key in the {HeaderName} header (or HTTP Basic, key as password, for ops pages).";
        await problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "unauthenticated", "Authentication required", detail);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var suspended = Context.User.FindFirstValue(DistributionClaims.PartnerStatus) is { } status
                        && status != nameof(PartnerStatus.Active);
        return suspended
            ? problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "partner-suspended", "Partner suspended", "This partner is suspended; contact the distributor.")
            : problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "forbidden", "Forbidden", "This API key may not use this resource.");
    }

    private bool IsBrowserSurface() =>
        Request.Path.StartsWithSegments("/dashboard") || Request.Path.StartsWithSegments("/ops");

    /// <summary>The key a request presents (X-Api-Key, or the password of HTTP Basic), or null.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim();
        }

        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var authorization)
            && string.Equals(authorization.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && authorization.Parameter is { } parameter)
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                var separator = decoded.IndexOf(':', StringComparison.Ordinal);
                return separator >= 0 && separator < decoded.Length - 1 ? decoded[(separator + 1)..] : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// A partner's claims. Burst and daily quota are added only when the partner has them, so a partner on the
    /// defaults costs what it did before they existed.
    /// </summary>
    private static Claim[] PartnerClaims(PartnerProfile profile, string keyHash)
    {
        var extra = (profile.Burst != profile.RateLimitPerSecond ? 1 : 0) + (profile.DailyQuota is null ? 0 : 1);
        var claims = new Claim[6 + extra];
        claims[0] = new Claim(ClaimTypes.Name, profile.PartnerId);
        claims[1] = new Claim(ClaimTypes.Role, Roles.Partner);
        claims[2] = new Claim(DistributionClaims.PartnerId, profile.PartnerId);
        claims[3] = new Claim(DistributionClaims.PartnerStatus, profile.Status.ToString());
        claims[4] = new Claim(DistributionClaims.KeyHash, keyHash);
        claims[5] = new Claim(DistributionClaims.RateLimit, profile.RateLimitPerSecond.ToString(CultureInfo.InvariantCulture));
        var next = 6;
        if (profile.Burst != profile.RateLimitPerSecond)
        {
            claims[next++] = new Claim(DistributionClaims.Burst, profile.Burst.ToString(CultureInfo.InvariantCulture));
        }

        if (profile.DailyQuota is { } quota)
        {
            claims[next] = new Claim(DistributionClaims.DailyQuota, quota.ToString(CultureInfo.InvariantCulture));
        }

        return claims;
    }

    private AuthenticateResult Success(Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role)), SchemeName));
}
