namespace OrleansDistribution.Hosting.Configuration;

/// <summary>Where grain state, membership and reminders live ("Distribution:Storage").</summary>
public enum StorageMode
{
    /// <summary>One process: grain state and reminders in a SQLite file under the data directory; localhost clustering.</summary>
    Embedded = 0,

    /// <summary>A real cluster: grain state, membership and reminders in PostgreSQL ("ConnectionStrings:Distribution").</summary>
    Postgres = 1,

    /// <summary>In silo memory: lost on restart. Tests and throwaway demos only.</summary>
    Memory = 2,
}
