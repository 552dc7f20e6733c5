namespace Throughput.Postgres;

/// <summary>PostgreSQL's own count of work in the API's database: committed transactions and rows changed.</summary>
internal sealed record PgActivity(long Commits, long RowsChanged)
{
    /// <summary>The work done since <paramref name="before"/>.</summary>
    public PgActivity Since(PgActivity before) => new(Commits - before.Commits, RowsChanged - before.RowsChanged);
}
