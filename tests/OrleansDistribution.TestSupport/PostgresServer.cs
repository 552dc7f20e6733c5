using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace OrleansDistribution.TestSupport;

/// <summary>
/// A real PostgreSQL for tests. Either an external server named by <c>DISTRIBUTION_TEST_POSTGRES</c>, or a throwaway
/// server started from the installed binaries in <c>{temp}/odtest-pg-*</c>, listening on a free port on 127.0.0.1 and
/// tuned for speed over durability. Each test asks for its own database with <see cref="CreateDatabaseAsync"/>.
/// </summary>
/// <remarks>
/// A throwaway server is stopped and its folder deleted on dispose, on process exit if dispose never ran, and, for a
/// test process that was killed outright, by the next <see cref="StartAsync"/> in any test process. Folders named
/// <c>odtest-pg-*</c> in the temp folder are always safe to delete once no test run is going.
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>
    /// Environment variable holding an Npgsql connection string to a server where tests may create databases; when
    /// set, no server is started.
    /// </summary>
    public const string ExternalServerVariable = "DISTRIBUTION_TEST_POSTGRES";

    /// <summary>
    /// The throwaway server's connection limit. Tests run several silos against one server, each silo holding pooled
    /// connections for clustering, storage and reminders, so the default of 100 runs out.
    /// </summary>
    public const int MaxConnections = 300;

    /// <summary>
    /// Pool cap put in every connection string handed out. Every database gets its own pool in each test process, so
    /// with Npgsql's default of 100 three databases could take all of <see cref="MaxConnections"/>; at 20, fifteen can
    /// be busy at once.
    /// </summary>
    public const int MaxPoolSize = 20;

    internal const string DataDirectoryName = "data";

    private const string LogFileName = "server.log";
    private const string LocalHost = "127.0.0.1";
    private const string Superuser = "postgres";
    private const int PortAttempts = 3;

    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan InitdbTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PgCtlTimeout = TimeSpan.FromSeconds(60);

    private readonly NpgsqlConnectionStringBuilder _server;
    private readonly string _adminDatabase;
    private readonly PostgresTools? _tools;
    private readonly string? _rootDirectory;
    private readonly ConcurrentBag<string> _createdDatabases = [];
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private bool _running;
    private bool _disposed;
    private int _killedOnExit;

    private PostgresServer(NpgsqlConnectionStringBuilder server, string adminDatabase, PostgresTools? tools, string? rootDirectory)
    {
        _server = server;
        _adminDatabase = adminDatabase;
        _tools = tools;
        _rootDirectory = rootDirectory;
        _running = true;
    }

    /// <summary>True when the server came from <c>DISTRIBUTION_TEST_POSTGRES</c> rather than being started here.</summary>
    public bool IsExternal => _tools is null;

    /// <summary>The host the server listens on.</summary>
    public string Host => _server.Host ?? LocalHost;

    /// <summary>The TCP port the server listens on.</summary>
    public int Port => _server.Port;

    /// <summary>The throwaway server's data folder; null for an external server.</summary>
    public string? DataDirectory => _rootDirectory is null ? null : Path.Combine(_rootDirectory, DataDirectoryName);

    /// <summary>The throwaway server's log file; null for an external server.</summary>
    public string? LogFile => _rootDirectory is null ? null : Path.Combine(_rootDirectory, LogFileName);

    /// <summary>The PostgreSQL major version of the binaries used; null for an external server.</summary>
    public string? BinariesVersion => _tools?.Version;

    /// <summary>How long <see cref="StartAsync"/> took, from locating the binaries to the first accepted query.</summary>
    public TimeSpan StartupDuration { get; private set; }

    /// <summary>
    /// Uses the server in <c>DISTRIBUTION_TEST_POSTGRES</c> if set, otherwise starts a throwaway one. Fails, never
    /// skips, when neither is possible: a test that needs PostgreSQL and silently does not run proves nothing.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        var server = string.IsNullOrWhiteSpace(external)
            ? await StartLocalAsync(cancellationToken).ConfigureAwait(false)
            : await ConnectExternalAsync(external, cancellationToken).ConfigureAwait(false);
        server.StartupDuration = stopwatch.Elapsed;
        return server;
    }

    /// <summary>
    /// Creates an empty database with a fresh random name (starting with <paramref name="prefix"/>, default
    /// <c>odtest</c>) and returns its connection string.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var name = NewDatabaseName(prefix);
        await using (var connection = await OpenAdminAsync(cancellationToken).ConfigureAwait(false))
        {
            // The name is built only from [a-z0-9_], so quoting it is enough.
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        _createdDatabases.Add(name);
        return ConnectionStringFor(name);
    }

    /// <summary>The connection string for <paramref name="database"/> on this server, pool capped at <see cref="MaxPoolSize"/>.</summary>
    public string ConnectionStringFor(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(_server.ConnectionString)
        {
            Database = database,
            MaxPoolSize = MaxPoolSize,
        };
        return builder.ConnectionString;
    }

    /// <summary>
    /// Shuts the throwaway server down (<c>pg_ctl stop -m fast</c>: clients are disconnected) so a test can watch the
    /// system ride out a database outage. Connections already pooled are dead afterwards; Npgsql discards each on its
    /// first failed use, exactly as after a real outage.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var tools = RequireOwnServer(nameof(StopAsync));
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_running)
            {
                return;
            }

            var result = await tools.RunAsync(
                    "pg_ctl",
                    ["stop", "-D", DataDirectory!, "-m", "fast", "-w", "-t", "30"],
                    _rootDirectory!,
                    PgCtlTimeout,
                    cancellationToken)
                .ConfigureAwait(false);
            EnsureSuccess(result, "stop");
            _running = false;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts a server stopped by <see cref="StopAsync"/> again, on the same data and port, and waits until it answers.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        var tools = RequireOwnServer(nameof(StartAgainAsync));
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_running)
            {
                return;
            }

            var result = await PgCtlStartAsync(tools, _rootDirectory!, Port, cancellationToken).ConfigureAwait(false);
            EnsureSuccess(result, $"start again on port {Port}");
            _running = true;
            await WaitUntilAcceptingAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Stops and deletes a throwaway server (<c>pg_ctl stop -m immediate</c>: its data is discarded anyway). For an
    /// external server, drops the databases this instance created so a shared server does not fill up.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (IsExternal)
            {
                await DropCreatedDatabasesAsync().ConfigureAwait(false);
                return;
            }

            if (_running)
            {
                await _tools!.RunAsync(
                        "pg_ctl",
                        ["stop", "-D", DataDirectory!, "-m", "immediate", "-w", "-t", "30"],
                        _rootDirectory!,
                        PgCtlTimeout,
                        CancellationToken.None)
                    .ConfigureAwait(false);
                _running = false;
            }

            ServerJanitor.DeleteDirectory(_rootDirectory!);
            ServerJanitor.Untrack(this);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Last-chance cleanup when the process exits or is signalled: synchronous, never throws.</summary>
    internal void KillForProcessExit()
    {
        // Several exit paths (a signal, then ProcessExit) may each try; one kill is enough.
        if (_disposed || _tools is null || _rootDirectory is null || Interlocked.Exchange(ref _killedOnExit, 1) == 1)
        {
            return;
        }

        _disposed = true;
        try
        {
            _tools.RunAsync(
                    "pg_ctl",
                    ["stop", "-D", Path.Combine(_rootDirectory, DataDirectoryName), "-m", "immediate", "-w", "-t", "10"],
                    _rootDirectory,
                    TimeSpan.FromSeconds(15),
                    CancellationToken.None)
                .GetAwaiter()
                .GetResult();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Nothing more can be done while the process is exiting; the next run's sweep will retry.
        }

        ServerJanitor.DeleteDirectory(_rootDirectory);
    }

    private static async Task<PostgresServer> StartLocalAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(
                $"Starting a throwaway PostgreSQL is implemented for Linux only; set {ExternalServerVariable} to an "
                + "Npgsql connection string for a server where the tests may create databases.");
        }

        var tools = await PostgresTools.LocateAsync(cancellationToken).ConfigureAwait(false);
        ServerJanitor.InstallExitHooks();
        await ServerJanitor.SweepLeftoversAsync(tools, cancellationToken).ConfigureAwait(false);

        var root = Path.Combine(Path.GetTempPath(), ServerJanitor.DirectoryPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        PostgresServer? server = null;
        try
        {
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            ServerJanitor.ClaimDirectory(root);
            await tools.HandOverAsync(root, cancellationToken).ConfigureAwait(false);

            var data = Path.Combine(root, DataDirectoryName);
            var initdb = await tools.RunAsync(
                    "initdb",
                    // --no-locale: the C locale needs no OS locale installed and sorts fastest; tests must not depend
                    // on collation anyway.
                    ["-D", data, "-A", "trust", "-U", Superuser, "--no-sync", "-E", "UTF8", "--no-locale"],
                    root,
                    InitdbTimeout,
                    cancellationToken)
                .ConfigureAwait(false);
            if (!initdb.Succeeded)
            {
                throw new InvalidOperationException(
                    $"initdb failed ({initdb.CommandLine}, exit {initdb.ExitCode}). If the message below is about "
                    + $"permissions, the '{Superuser}' user must be able to reach {root}.{Environment.NewLine}"
                    + initdb.StandardOutput + Environment.NewLine + initdb.StandardError);
            }

            await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), ServerSettings(root), cancellationToken)
                .ConfigureAwait(false);

            server = await StartOnFreePortAsync(tools, root, cancellationToken).ConfigureAwait(false);
            ServerJanitor.Track(server);
            await server.WaitUntilAcceptingAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            // A failed start must not leave a postmaster behind: pg_ctl may give up while the server still comes up.
            if (server is not null)
            {
                ServerJanitor.Untrack(server);
            }

            await StopQuietlyAsync(tools, root).ConfigureAwait(false);
            ServerJanitor.DeleteDirectory(root);
            throw;
        }
    }

    private static async Task StopQuietlyAsync(PostgresTools tools, string root)
    {
        var data = Path.Combine(root, DataDirectoryName);
        if (!File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            return;
        }

        try
        {
            await tools.RunAsync(
                    "pg_ctl", ["stop", "-D", data, "-m", "immediate", "-w", "-t", "10"], root, PgCtlTimeout, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Already failing; the original error is the one worth reporting.
        }
    }

    private static async Task<PostgresServer> StartOnFreePortAsync(PostgresTools tools, string root, CancellationToken cancellationToken)
    {
        // The free port is only free when we look; another process may take it before the postmaster binds, so try
        // a few.
        CommandResult? last = null;
        for (var attempt = 1; attempt <= PortAttempts; attempt++)
        {
            var port = FreePort();
            last = await PgCtlStartAsync(tools, root, port, cancellationToken).ConfigureAwait(false);
            if (last.Succeeded)
            {
                var builder = new NpgsqlConnectionStringBuilder
                {
                    Host = LocalHost,
                    Port = port,
                    Username = Superuser,
                };
                return new PostgresServer(builder, "postgres", tools, root);
            }

            if (!ReadLogTail(Path.Combine(root, LogFileName)).Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }
        }

        throw new InvalidOperationException(
            $"PostgreSQL did not start (`{last!.CommandLine}`, exit {last.ExitCode}).{Environment.NewLine}"
            + last.StandardOutput + last.StandardError + Environment.NewLine
            + "Server log:" + Environment.NewLine + ReadLogTail(Path.Combine(root, LogFileName)));
    }

    private static Task<CommandResult> PgCtlStartAsync(PostgresTools tools, string root, int port, CancellationToken cancellationToken) =>
        // The port goes on the command line, not in postgresql.conf, so a retry on another port needs no rewrite.
        tools.RunAsync(
            "pg_ctl",
            [
                "start", "-D", Path.Combine(root, DataDirectoryName), "-l", Path.Combine(root, LogFileName),
                "-w", "-t", "30", "-o", $"-p {port.ToString(CultureInfo.InvariantCulture)}",
            ],
            root,
            PgCtlTimeout,
            cancellationToken);

    private static string ServerSettings(string root) =>
        $"""

        # OrleansDistribution test settings: speed over durability, the data is thrown away.
        listen_addresses = '{LocalHost}'
        unix_socket_directories = '{root.Replace("'", "''", StringComparison.Ordinal)}'
        max_connections = {MaxConnections}
        shared_buffers = 32MB
        fsync = off
        synchronous_commit = off
        full_page_writes = off

        """;

    private static async Task<PostgresServer> ConnectExternalAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{ExternalServerVariable} is not a valid Npgsql connection string: {ex.Message}", ex);
        }

        var adminDatabase = string.IsNullOrEmpty(builder.Database) ? "postgres" : builder.Database;
        var server = new PostgresServer(builder, adminDatabase, tools: null, rootDirectory: null);
        try
        {
            await using var connection = await server.OpenAdminAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"{ExternalServerVariable} is set but its server cannot be reached ({builder.Host}:{builder.Port}, "
                + $"database {adminDatabase}): {ex.Message}",
                ex);
        }

        return server;
    }

    private async Task<NpgsqlConnection> OpenAdminAsync(CancellationToken cancellationToken)
    {
        // Unpooled: admin work is rare and must not hold connections that count against max_connections.
        var builder = new NpgsqlConnectionStringBuilder(_server.ConnectionString)
        {
            Database = _adminDatabase,
            Pooling = false,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        Exception? lastError = null;
        while (deadline.Elapsed < ReadyDeadline)
        {
            try
            {
                await using var connection = await OpenAdminAsync(cancellationToken).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException or TimeoutException)
            {
                lastError = ex;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException(
            $"PostgreSQL on {Host}:{Port} did not accept connections within {ReadyDeadline.TotalSeconds:F0} s "
            + $"(last error: {lastError?.Message}).{Environment.NewLine}Server log:{Environment.NewLine}"
            + (LogFile is null ? "(external server)" : ReadLogTail(LogFile)),
            lastError);
    }

    private async Task DropCreatedDatabasesAsync()
    {
        if (_createdDatabases.IsEmpty)
        {
            return;
        }

        try
        {
            await using var connection = await OpenAdminAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var name in _createdDatabases)
            {
                // FORCE (PostgreSQL 13+) ends sessions a test left open, e.g. in pools of silos still shutting down.
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            // Best effort: a leftover test database on a shared server is untidy, not wrong.
        }
    }

    private PostgresTools RequireOwnServer(string operation) =>
        _tools ?? throw new NotSupportedException(
            $"{operation} needs a server this test process started, but {ExternalServerVariable} points the tests at "
            + "an external server, which they must not shut down. Unset it to run database-outage tests.");

    private void EnsureSuccess(CommandResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"PostgreSQL {what} failed (`{result.CommandLine}`, exit {result.ExitCode}).{Environment.NewLine}"
                + result.StandardOutput + result.StandardError + Environment.NewLine
                + "Server log:" + Environment.NewLine + ReadLogTail(LogFile!));
        }
    }

    private static string NewDatabaseName(string? prefix)
    {
        var clean = new StringBuilder();
        foreach (var c in (prefix ?? "odtest").ToLowerInvariant())
        {
            clean.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }

        if (clean.Length == 0 || char.IsAsciiDigit(clean[0]))
        {
            clean.Insert(0, 'd');
        }

        // PostgreSQL truncates identifiers at 63 bytes; keep the random part whole so names stay unique.
        var suffix = Guid.NewGuid().ToString("N");
        var head = clean.ToString();
        if (head.Length > 63 - 1 - suffix.Length)
        {
            head = head[..(63 - 1 - suffix.Length)];
        }

        return $"{head}_{suffix}";
    }

    private static string ReadLogTail(string path, int maxChars = 8000)
    {
        try
        {
            // The postmaster holds the log open for writing; share it so we can read while it runs.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            return text.Length <= maxChars ? text : "…" + text[^maxChars..];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(could not read {path}: {ex.Message})";
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
