using Microsoft.Extensions.Configuration;
using Npgsql;
using OrleansDistribution.Hosting;
using OrleansDistribution.Hosting.Configuration;
using OrleansDistribution.Hosting.Storage.GroupCommit;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>"Distribution:Storage" is both the storage mode (its value) and the storage settings (its children).</summary>
public sealed class GroupCommitConfigurationTests
{
    [Fact]
    public void StorageSection_ValueAndChildren_ModeAndSettingsBothBind()
    {
        var configuration = Configuration(new()
        {
            ["Distribution:Storage"] = "Postgres",
            ["Distribution:Storage:MaxBatchSize"] = "250",
            ["Distribution:Storage:SqliteSynchronous"] = "Normal",
            ["Distribution:Storage:ExpirySweepPeriod"] = "00:00:30",
        });

        var options = GroupCommitOptions.From(configuration);

        Assert.Equal(StorageMode.Postgres, DistributionOptions.From(configuration).Storage);
        Assert.Equal(250, options.MaxBatchSize);
        Assert.Equal(SqliteSynchronousMode.Normal, options.SqliteSynchronous);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ExpirySweepPeriod);
    }

    [Fact]
    public void StorageSection_AppSettingsJsonWithColonKeys_ModeAndSettingsBothBind()
    {
        // A JSON object cannot be both a string and an object, so appsettings.json names the children with a colon.
        const string Json = """{ "Distribution": { "Storage": "Embedded", "Storage:MaxBatchSize": 64, "Storage:SqliteSynchronous": "Extra" } }""";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Json));
        var configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();

        var options = GroupCommitOptions.From(configuration);

        Assert.Equal(StorageMode.Embedded, DistributionOptions.From(configuration).Storage);
        Assert.Equal(64, options.MaxBatchSize);
        Assert.Equal(SqliteSynchronousMode.Extra, options.SqliteSynchronous);
    }

    [Fact]
    public void StorageSection_NoSettings_DurableDefaults()
    {
        var options = GroupCommitOptions.From(Configuration(new() { ["Distribution:Storage"] = "Embedded" }));

        Assert.Equal(SqliteSynchronousMode.Full, options.SqliteSynchronous);
        Assert.Equal(1000, options.MaxBatchSize);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ExpirySweepPeriod);
    }

    [Theory]
    [InlineData("MaxBatchSize", "0")]
    [InlineData("ExpirySweepBatchSize", "0")]
    [InlineData("ExpirySweepPeriod", "-00:00:01")]
    public void StorageSection_OutOfRangeSetting_FailsAtStart(string key, string value)
    {
        var configuration = Configuration(new() { [$"Distribution:Storage:{key}"] = value });

        var failure = Assert.Throws<InvalidOperationException>(() => GroupCommitOptions.From(configuration));

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 14, 6)]
    [InlineData(";Maximum Pool Size=6", 3, 3)]
    [InlineData(";MaxPoolSize=6", 3, 3)]
    [InlineData(";maximum pool size=2", 1, 1)]
    [InlineData(";Maximum Pool Size=100", 94, 6)]
    public void PostgresConnectionStrings_PoolBudget_SplitWithoutExceedingIt(string poolSetting, int adoNet, int grainState)
    {
        var connectionString = "Host=db;Database=distribution;Username=u" + poolSetting;

        var (adoNetPool, grainStatePool) = DistributionSiloExtensions.PostgresConnectionStrings(
            Configuration(new() { ["ConnectionStrings:Distribution"] = connectionString }));

        Assert.Equal(adoNet, new NpgsqlConnectionStringBuilder(adoNetPool).MaxPoolSize);
        Assert.Equal(grainState, new NpgsqlConnectionStringBuilder(grainStatePool).MaxPoolSize);
    }

    [Fact]
    public void PostgresConnectionStrings_GrainStatePool_SkipsTheSessionResetTheProvidersKeep()
    {
        var (adoNetPool, grainStatePool) = DistributionSiloExtensions.PostgresConnectionStrings(
            Configuration(new() { ["ConnectionStrings:Distribution"] = "Host=db;Database=distribution;Username=u" }));

        Assert.True(new NpgsqlConnectionStringBuilder(grainStatePool).NoResetOnClose);
        Assert.False(new NpgsqlConnectionStringBuilder(adoNetPool).NoResetOnClose);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
