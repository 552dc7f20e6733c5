namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>All API tests share one running API silo; each test uses fresh partner, SKU and key names.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
