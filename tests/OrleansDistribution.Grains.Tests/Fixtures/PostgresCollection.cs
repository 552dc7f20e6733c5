using OrleansDistribution.TestSupport;

namespace OrleansDistribution.Grains.Tests.Fixtures;

/// <summary>Tests that share one throwaway PostgreSQL server (a database each).</summary>
[CollectionDefinition(PostgresFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
