namespace Throughput.Postgres;

/// <summary>pgbench's verdict on the same server: transactions per second of <c>-N</c> (simple updates).</summary>
internal sealed record PgBenchResult(double Tps, int Clients, int Seconds, string Database);
