namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>How a queue of one exception type is split into shards, by exception ID (stable across versions).</summary>
public static class ExceptionQueues
{
    /// <summary>Shards per exception type.</summary>
    public const int Shards = 32;

    /// <summary>The shard key that holds <paramref name="exceptionId"/> of <paramref name="type"/>.</summary>
    public static string ShardOf(string type, string exceptionId) => Shard(type, (int)(StableHash(exceptionId) % Shards));

    /// <summary>The key of shard <paramref name="index"/> of <paramref name="type"/>.</summary>
    public static string Shard(string type, int index) => $"{type}/{index}";

    /// <summary>FNV-1a over the UTF-16 code units: the same on every silo and every version, unlike string.GetHashCode.</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
