namespace OrleansDistribution.Hosting.Configuration;

/// <summary>Where grain state, membership and reminders live ("Distribution:Storage").</summary>
public enum StorageMode
{
    /// <summary>In silo memory: lost on restart. Tests and throwaway demos only.</summary>
    Memory = 0,
}
