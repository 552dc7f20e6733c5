using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;
using Orleans.Runtime;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Grains;
using OrleansDistribution.Grains.Inventory;
using OrleansDistribution.Grains.Operations;
using OrleansDistribution.Grains.Workflow;
using OrleansDistribution.Hosting.Cluster;
using OrleansDistribution.Hosting.Configuration;
using OrleansDistribution.Hosting.Dependencies;
using OrleansDistribution.Hosting.Health;
using OrleansDistribution.Integration.Health;
using OrleansDistribution.Hosting.Storage;
using OrleansDistribution.Hosting.Storage.GroupCommit;
using OrleansDistribution.Hosting.Telemetry;
using OrleansDistribution.Grains.Telemetry;
using OrleansDistribution.Integration;
using OrleansDistribution.Integration.Webhooks;

namespace OrleansDistribution.Hosting;

/// <summary>The one place every silo host (API silo, worker silo, test cluster) gets its Orleans setup from.</summary>
public static class DistributionSiloExtensions
{
    /// <summary>ADO.NET invariant of PostgreSQL.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>
    /// ADO.NET invariant under which Orleans 10.4 recognises SQLite; it is served by Microsoft.Data.Sqlite
    /// (the "Microsoft.Data.Sqlite" invariant name is not in 10.4.2's table).
    /// </summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Connections each silo process may hold, all pools together (see <see cref="PostgresConnectionStrings"/>);
    /// 20 per silo keeps 3 silos + API well under PostgreSQL's default max_connections of 100.
    /// </summary>
    public const int DefaultPostgresPoolSize = 20;

    /// <summary>Most of a silo's PostgreSQL connections the group-commit grain storage takes (see <see cref="PostgresConnectionStrings"/>).</summary>
    public const int GrainStatePoolSize = 6;

    /// <summary>Grain locations each silo caches.</summary>
    public const int DirectoryCacheSize = 100_000;

    /// <summary>Shortest time a delivered event stays in the stream cache.</summary>
    public static readonly TimeSpan StreamCacheMinTime = TimeSpan.FromSeconds(10);

    /// <summary>Longest time a delivered event stays in the stream cache.</summary>
    public static readonly TimeSpan StreamCacheMaxAge = TimeSpan.FromSeconds(30);

    /// <summary>Hosts a full distribution silo in this application: clustering, storage, streams, grains, ports, dashboard.</summary>
    public static IHostApplicationBuilder AddDistributionSilo(this IHostApplicationBuilder builder)
    {
        var options = DistributionOptions.From(builder.Configuration);
        builder.AddDistributionTelemetry();
        builder.UseOrleans(silo =>
        {
            silo.UseDistributionClustering(options, builder.Configuration);
            silo.AddDistributionGrains(builder.Configuration);
            silo.AddDashboard();
        });
        return builder;
    }

    /// <summary>Cluster identity, endpoints and membership for the chosen storage mode.</summary>
    public static ISiloBuilder UseDistributionClustering(this ISiloBuilder silo, DistributionOptions options, IConfiguration configuration)
    {
        var cluster = options.Cluster;
        if (options.Storage == StorageMode.Postgres)
        {
            var connectionString = PostgresConnectionStrings(configuration).AdoNet;
            silo.UseAdoNetClustering(adoNet =>
            {
                adoNet.Invariant = PostgresInvariant;
                adoNet.ConnectionString = connectionString;
            });
            silo.Configure<ClusterOptions>(identity =>
            {
                identity.ClusterId = cluster.ClusterId;
                identity.ServiceId = cluster.ServiceId;
            });
            var advertised = cluster.AdvertisedHost is { Length: > 0 } host ? Resolve(host) : IPAddress.Loopback;
            silo.ConfigureEndpoints(advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: cluster.AdvertisedHost is { Length: > 0 });
        }
        else
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        }

        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = cluster.ResponseTimeout);

        // The directory cache remembers where grains live; with one grain per order Orleans' default of a
        // million entries is a few hundred MB of addresses of orders long finished. A hundred thousand keeps
        // every live order and hot SKU cached.
        silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = DirectoryCacheSize);
        if (cluster.ProbeTimeout is { } probeTimeout)
        {
            silo.Configure<ClusterMembershipOptions>(membership => membership.ProbeTimeout = probeTimeout);
        }

        if (cluster.DeclareRefusingSilosDead)
        {
            silo.Services.AddSingleton<RefusedSiloDetector>();
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<RefusedSiloDetector>());
            silo.Services.AddOptions<SiloConnectionOptions>()
                .Configure<RefusedSiloDetector>((connections, detector) =>
                {
                    connections.ConfigureSiloOutboundConnection(detector.Use);
                    connections.ConfigureSiloInboundConnection(detector.Use);
                });
        }

        return silo;
    }

    /// <summary>
    /// Storage, reminders, streams, downstream ports and workflow settings: everything but membership,
    /// so test clusters (which may bring their own membership) share it.
    /// </summary>
    public static ISiloBuilder AddDistributionGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = DistributionOptions.From(configuration);
        var grainState = GroupCommitOptions.From(configuration);
        switch (options.Storage)
        {
            case StorageMode.Embedded:
                var location = new SqliteStorageLocation(options.DataDirectory);
                silo.Services.AddSingleton(location);
                silo.AddGroupCommitGrainStorage(DistributionNames.Storage, grainState, (services, serviceId) =>
                    new SqliteGrainStateStore(location.ConnectionString, serviceId, grainState.SqliteSynchronous, services.GetRequiredService<TimeProvider>()));
                silo.AddReminders();
                silo.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
                AddSchemaGate(silo, SqlMigrationProvider.Sqlite, location.ConnectionString, applyMigrations: true);
                break;
            case StorageMode.Postgres:
                var (membership, grainStatePool) = PostgresConnectionStrings(configuration);
                silo.AddGroupCommitGrainStorage(DistributionNames.Storage, grainState, (_, serviceId) => new PostgresGrainStateStore(grainStatePool, serviceId));
                silo.UseAdoNetReminderService(adoNet =>
                {
                    adoNet.Invariant = PostgresInvariant;
                    adoNet.ConnectionString = membership;
                });
                AddSchemaGate(silo, SqlMigrationProvider.Postgres, membership, applyMigrations: false);
                break;
            case StorageMode.Memory:
                silo.AddGroupCommitGrainStorage(DistributionNames.Storage, grainState, (_, serviceId) => new MemoryGrainStateStore(serviceId));
                silo.UseInMemoryReminderService();
                break;
            default:
                throw new InvalidOperationException($"Distribution:Storage '{options.Storage}' is not supported.");
        }

        // Stream subscriptions are re-made by each API silo at start (and checked periodically), so
        // the pub/sub registry can live in memory even when grain state is durable.
        silo.AddMemoryGrainStorage(DistributionNames.PubSubStore);
        // The pulling agents keep delivered events in a cache so late subscribers can rewind; ours only
        // read live (SSE), and the default (at least 5, at most 30 minutes) kept millions of events in
        // memory under load: RSS grew by about 1 KB per order until it reached the 5 minutes' worth.
        silo.AddMemoryStreams(DistributionNames.StreamProvider, streams => streams.ConfigureCacheEviction(eviction =>
            eviction.Configure(options =>
            {
                options.DataMinTimeInCache = StreamCacheMinTime;
                options.DataMaxAgeInCache = StreamCacheMaxAge;
                options.MetadataMinTimeInCache = StreamCacheMaxAge;
            })));
        silo.AddActivityPropagation();
        silo.AddIncomingGrainCallFilter<CorrelationTaggingFilter>();
        var webhookResume = configuration.GetSection(WebhookOptions.SectionName).GetValue<TimeSpan?>(nameof(WebhookOptions.ResumePeriod))
            ?? new WebhookOptions().ResumePeriod;
        silo.Configure<ReminderOptions>(reminders =>
        {
            var shortest = options.Workflow.ShortestReminderPeriod < webhookResume ? options.Workflow.ShortestReminderPeriod : webhookResume;
            if (shortest < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = shortest;
            }
        });

        silo.Services.AddSingleton<SiloReadiness>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<SiloReadiness>());
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.Configure<WorkflowOptions>(configuration.GetSection($"{DistributionOptions.SectionName}:Workflow"));
        silo.Services.AddOptions<ErpStockOptions>().Bind(configuration.GetSection(ErpStockOptions.SectionName))
            .Validate(inventory => inventory.Problem() is null, "Distribution:Inventory holds an invalid setting (ErpRefreshPeriod ≥ 0, ErpRefreshPageSize 1-1000, DriftThreshold ≥ 0).")
            .ValidateOnStart();
        silo.Services.AddOptions<KpiOptions>().Bind(configuration.GetSection(KpiOptions.SectionName))
            .Validate(kpis => kpis.Problem() is null, "Distribution:Kpis holds an invalid setting (intervals positive, MaxPartnerLabels ≥ 1).")
            .ValidateOnStart();
        silo.Services.AddDistributionWorkflow();
        // Before the downstreams: their default reporter is only local; this one also tells the cluster.
        silo.Services.AddSingleton<DependencyHealthState>();
        silo.Services.AddSingleton<IDependencyHealthReporter, ClusterDependencyHealthReporter>();
        silo.Services.AddDistributionDownstreams(configuration);
        silo.Services.AddDistributionWebhooks(configuration);
        return silo;
    }

    /// <summary>The configured PostgreSQL connection string with a deliberate pool size unless one was given.</summary>
    public static string PostgresConnectionString(IConfiguration configuration)
    {
        var builder = new NpgsqlConnectionStringBuilder(DistributionOptions.PostgresConnectionString(configuration));

        // NpgsqlConnectionStringBuilder.ContainsKey is true for every keyword it knows, set or not; its
        // ConnectionString holds only what was given (under canonical names, whichever synonym was used).
        var given = new DbConnectionStringBuilder { ConnectionString = builder.ConnectionString };
        if (!given.ContainsKey(nameof(NpgsqlConnectionStringBuilder.MaxPoolSize)) && !given.ContainsKey("Maximum Pool Size"))
        {
            builder.MaxPoolSize = DefaultPostgresPoolSize;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Splits this silo's connection budget (<see cref="PostgresConnectionString"/>'s pool size) between the two pools
    /// the process opens: the ADO.NET providers (membership, reminders, the schema check) and the group-commit grain
    /// storage's own data source. The storage needs one connection per batch in flight (two writes, two reads) and one for
    /// a sweep, whatever the load, so it gets a few and the providers the rest: the process never exceeds the budget.
    /// </summary>
    public static (string AdoNet, string GrainState) PostgresConnectionStrings(IConfiguration configuration)
    {
        var total = new NpgsqlConnectionStringBuilder(PostgresConnectionString(configuration));
        var grainStatePool = Math.Clamp(total.MaxPoolSize / 2, 1, GrainStatePoolSize);
        var adoNet = new NpgsqlConnectionStringBuilder(total.ConnectionString) { MaxPoolSize = Math.Max(1, total.MaxPoolSize - grainStatePool) };
        // Only the storage's own statements run on this pool and none of them leaves session state behind (no SET, LISTEN,
        // temporary table or advisory lock), so a connection going back to the pool needs no reset: without this, Npgsql
        // prepends the reset statements to the next batch on every checkout, about 60,000 times in a 2-minute benchmark run.
        var grainState = new NpgsqlConnectionStringBuilder(total.ConnectionString) { MaxPoolSize = grainStatePool, NoResetOnClose = true };
        if (string.IsNullOrEmpty(grainState.ApplicationName))
        {
            // Tells the two pools apart in pg_stat_activity.
            grainState.ApplicationName = "distribution-grain-state";
        }

        return (adoNet.ConnectionString, grainState.ConnectionString);
    }

    private static void AddSchemaGate(ISiloBuilder silo, SqlMigrationProvider provider, string connectionString, bool applyMigrations) =>
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => new DatabaseSchemaGate(
            new SqlMigrationRunner(provider, connectionString, services.GetRequiredService<ILogger<SqlMigrationRunner>>()),
            applyMigrations,
            services.GetRequiredService<ILogger<DatabaseSchemaGate>>()));

    private static IPAddress Resolve(string host) =>
        IPAddress.TryParse(host, out var address)
            ? address
            : Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
              ?? throw new InvalidOperationException($"Distribution:Cluster:AdvertisedHost '{host}' does not resolve to an IPv4 address.");
}
