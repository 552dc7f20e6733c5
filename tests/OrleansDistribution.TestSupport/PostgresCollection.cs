using Xunit;

namespace OrleansDistribution.TestSupport;

/// <summary>
/// Test classes marked <c>[Collection(typeof(PostgresCollection))]</c> share one throwaway PostgreSQL server
/// (<see cref="PostgresFixture"/>, a database each), in whichever test project they are: xunit v3 reads a collection
/// named by its type from that type, so this one definition serves every project.
/// </summary>
[CollectionDefinition]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
