namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>Tests against the HTTP simulator share its fault settings, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class HttpDownstreamCollection : ICollectionFixture<HttpDownstreamApiFixture>
{
    public const string Name = "http-downstream";
}
