namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>The test API silo with extra configuration, for tests of what a setting changes (or refuses).</summary>
public sealed class ConfiguredApiFixture(IReadOnlyDictionary<string, string> extra) : ApiFixture
{
    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}
