namespace Throughput.Options;

/// <summary>The API silo's <c>Distribution:Storage</c> mode: picks the baseline and the targets the run is judged by.</summary>
internal enum StorageMode
{
    /// <summary>Not stated (an API started by someone else without <c>--mode</c>).</summary>
    Unknown,

    /// <summary>SQLite file in the data directory (the default).</summary>
    Embedded,

    /// <summary>PostgreSQL through <c>ConnectionStrings:Distribution</c>.</summary>
    Postgres,

    /// <summary>Silo memory, no durability.</summary>
    Memory,
}
