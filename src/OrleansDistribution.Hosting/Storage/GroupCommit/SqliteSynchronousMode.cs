namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>SQLite's <c>PRAGMA synchronous</c> for the embedded grain state writer ("Distribution:Storage:SqliteSynchronous").</summary>
public enum SqliteSynchronousMode
{
    /// <summary>No fsync: a crash of the machine (not just the process) can lose or corrupt acknowledged writes.</summary>
    Off = 0,

    /// <summary>In WAL mode: survives a killed process, but the last commits may be lost on power failure.</summary>
    Normal = 1,

    /// <summary>fsync on every commit: an acknowledged write survives kill -9 and power loss (the default).</summary>
    Full = 2,

    /// <summary>Like Full, and also syncs the directory after a WAL reset.</summary>
    Extra = 3,
}
