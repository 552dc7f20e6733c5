using Microsoft.Data.Sqlite;

namespace OrleansDistribution.Hosting.Storage;

/// <summary>Where the embedded mode keeps its SQLite file.</summary>
public sealed class SqliteStorageLocation
{
    /// <summary>The database file name inside the data directory.</summary>
    public const string FileName = "distribution.db";

    /// <summary>Resolves the file under <paramref name="dataDirectory"/> (created when missing).</summary>
    public SqliteStorageLocation(string dataDirectory)
    {
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, FileName);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Writers queue on SQLite's single write lock; wait rather than fail under bursts.
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Connection string for Microsoft.Data.Sqlite.</summary>
    public string ConnectionString { get; }
}
