namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>
/// The API silo against samples/ErpSimulator with every workflow, retry and circuit setting at its shipped default:
/// outage behaviour is tested as an operator who changed nothing would meet it.
/// </summary>
public class DefaultsHttpApiFixture : HttpDownstreamApiFixture
{
    protected override bool TestShortTimings => false;
}

/// <summary>The shipped defaults, but an ERP commit SLA of 20 s (a little longer than the circuit's break), so an outage can outlast it within a test.</summary>
public sealed class ShortSlaHttpApiFixture : DefaultsHttpApiFixture
{
    /// <summary>The ERP commit SLA of this fixture.</summary>
    public static readonly TimeSpan ErpCommitWithin = TimeSpan.FromSeconds(20);

    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        settings["Distribution:Workflow:ErpCommitWithin"] = ErpCommitWithin.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}

/// <summary>Outage tests on the defaults: each class gets its own simulator, so they run side by side.</summary>
[CollectionDefinition(Name)]
public sealed class DefaultsLostResponsesCollection : ICollectionFixture<DefaultsHttpApiFixture>
{
    public const string Name = "defaults-lost-responses";
}

/// <summary>A 30 s ERP outage on the defaults.</summary>
[CollectionDefinition(Name)]
public sealed class DefaultsOutageCollection : ICollectionFixture<DefaultsHttpApiFixture>
{
    public const string Name = "defaults-outage";
}

/// <summary>An outage longer than the (test-short) ERP commit SLA.</summary>
[CollectionDefinition(Name)]
public sealed class ShortSlaOutageCollection : ICollectionFixture<ShortSlaHttpApiFixture>
{
    public const string Name = "short-sla-outage";
}
