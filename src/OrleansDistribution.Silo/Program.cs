using OrleansDistribution.Hosting;
using OrleansDistribution.Hosting.Telemetry;
using OrleansDistribution.Silo;

// A worker silo of the distribution cluster (no HTTP), or `migrate` to prepare the database.
var builder = Host.CreateApplicationBuilder(args.Where(arg => arg != "migrate").ToArray());
if (args.Contains("migrate"))
{
    using var loggers = LoggerFactory.Create(logging => logging.AddConsole());
    return await MigrateCommand.RunAsync(builder.Configuration, loggers, CancellationToken.None);
}

builder.AddDistributionSilo();
builder.AddWorkerMetricsPort();
await builder.Build().RunAsync();
return 0;
