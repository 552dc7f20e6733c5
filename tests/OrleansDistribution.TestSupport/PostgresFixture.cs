using Xunit;

namespace OrleansDistribution.TestSupport;

/// <summary>
/// One PostgreSQL server shared by every test in an xunit collection; each test takes its own database from
/// <see cref="CreateDatabaseAsync"/>. Test classes join it with <c>[Collection(typeof(PostgresCollection))]</c>.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    // initdb plus start is a few seconds on a quiet machine; allow for a loaded CI box without hanging for ever.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private PostgresServer? _server;

    /// <summary>The running server; available once xunit has initialised the fixture.</summary>
    public PostgresServer Server => _server ?? throw new InvalidOperationException("PostgresFixture has not been initialised.");

    /// <summary>Creates a fresh database on the shared server and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        Server.CreateDatabaseAsync(prefix, cancellationToken);

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        _server = await PostgresServer.StartAsync(timeout.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
