using System.Globalization;

namespace OrleansDistribution.Api.Versioning;

/// <summary>
/// The announced end of API v1, read once at start from <c>Distribution:Api:Deprecation</c>, <c>Distribution:Api:Sunset</c>
/// and <c>Distribution:Api:DeprecationLink</c>; a value that cannot be announced fails the start rather than being dropped.
/// </summary>
public sealed record ApiDeprecation(DateTimeOffset? Deprecation, DateTimeOffset? Sunset, Uri? Link)
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Distribution:Api";

    /// <summary>Whether any header is to be sent.</summary>
    public bool IsAnnounced => Deprecation is not null || Sunset is not null;

    /// <summary>RFC 9745 structured date: <c>@</c> and Unix seconds.</summary>
    public string? DeprecationHeader => Deprecation is { } at ? $"@{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}" : null;

    /// <summary>RFC 8594 HTTP-date.</summary>
    public string? SunsetHeader => Sunset?.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);

    /// <summary>RFC 9745 link to the deprecation notice.</summary>
    public string? LinkHeader => Link is { } link ? $"<{link.AbsoluteUri}>; rel=\"deprecation\"" : null;

    /// <summary>Reads and checks the configuration; throws with the key and the accepted form when a value is wrong.</summary>
    public static ApiDeprecation From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var deprecation = Date(section, "Deprecation");
        var sunset = Date(section, "Sunset");
        Uri? link = null;
        if (section["DeprecationLink"] is { Length: > 0 } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out link) || link.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException(
                    $"{Section}:DeprecationLink '{text}' is not an absolute http(s) URL of the deprecation notice.");
            }

            if (deprecation is null)
            {
                throw new InvalidOperationException($"{Section}:DeprecationLink is set but {Section}:Deprecation is not: a link needs the date it announces.");
            }
        }

        if (deprecation is { } from && sunset is { } until && until < from)
        {
            throw new InvalidOperationException(
                $"{Section}:Sunset ({until:O}) is before {Section}:Deprecation ({from:O}): an API cannot go away before it is deprecated.");
        }

        return new ApiDeprecation(deprecation, sunset, link);
    }

    private static DateTimeOffset? Date(IConfiguration section, string key)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new InvalidOperationException(
                $"{Section}:{key} '{text}' is not a date; use ISO 8601, e.g. 2027-06-30 or 2027-06-30T00:00:00Z.");
    }
}
