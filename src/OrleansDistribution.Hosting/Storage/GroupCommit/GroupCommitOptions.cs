using Microsoft.Extensions.Configuration;
using OrleansDistribution.Hosting.Configuration;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// Settings of the group-commit grain storage, read from the children of "Distribution:Storage" (whose own value
/// stays the storage mode): for example <c>Distribution__Storage__MaxBatchSize=500</c>.
/// </summary>
public sealed class GroupCommitOptions
{
    /// <summary>The configuration section; its value is the <see cref="StorageMode"/>, its children these settings.</summary>
    public const string SectionName = $"{DistributionOptions.SectionName}:Storage";

    /// <summary>Most rows one transaction (or one batched read) carries; the rest wait for the next one.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>Durability of the embedded SQLite writer. Full by default: a 201 must survive kill -9 and power loss.</summary>
    public SqliteSynchronousMode SqliteSynchronous { get; set; } = SqliteSynchronousMode.Full;

    /// <summary>How often each silo deletes rows whose expiry has passed; zero turns the sweep off.</summary>
    public TimeSpan ExpirySweepPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows one sweep statement deletes at most, so a sweep never holds locks for long.</summary>
    public int ExpirySweepBatchSize { get; set; } = 500;

    /// <summary>The configuration section of the partner feeds (<c>Distribution:Feed:Retention</c>).</summary>
    public const string FeedSectionName = $"{DistributionOptions.SectionName}:Feed";

    /// <summary>How long a partner's feed keeps an event; the expiry sweep deletes older ones.</summary>
    public TimeSpan FeedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Reads and validates the settings; a malformed value fails the silo at start.</summary>
    public static GroupCommitOptions From(IConfiguration configuration)
    {
        var options = new GroupCommitOptions();
        configuration.GetSection(SectionName).Bind(options);
        if (configuration.GetSection(FeedSectionName)["Retention"] is { Length: > 0 } retention)
        {
            options.FeedRetention = TimeSpan.TryParse(retention, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero
                ? parsed
                : throw new InvalidOperationException($"{FeedSectionName}:Retention must be a positive time span such as 7.00:00:00, not '{retention}'.");
        }

        if (options.MaxBatchSize is < 1 or > 100_000)
        {
            throw new InvalidOperationException($"{SectionName}:MaxBatchSize must be between 1 and 100000, not {options.MaxBatchSize}.");
        }

        if (options.ExpirySweepBatchSize < 1)
        {
            throw new InvalidOperationException($"{SectionName}:ExpirySweepBatchSize must be at least 1, not {options.ExpirySweepBatchSize}.");
        }

        if (options.ExpirySweepPeriod < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:ExpirySweepPeriod must not be negative (zero turns the sweep off).");
        }

        if (!Enum.IsDefined(options.SqliteSynchronous))
        {
            throw new InvalidOperationException($"{SectionName}:SqliteSynchronous must be Off, Normal, Full or Extra.");
        }

        return options;
    }
}
