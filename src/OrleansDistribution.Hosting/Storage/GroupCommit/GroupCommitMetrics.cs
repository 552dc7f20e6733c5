using System.Diagnostics.Metrics;
using OrleansDistribution.Abstractions;

namespace OrleansDistribution.Hosting.Storage.GroupCommit;

/// <summary>
/// What the grain storage costs the database, on meter <see cref="DistributionNames.Meter"/>. Benchmarks divide
/// <see cref="RowsWrittenName"/> by accepted orders ("durable writes per order"), so the names are a contract.
/// </summary>
public sealed class GroupCommitMetrics
{
    /// <summary>Counter: rows committed (writes and clears), tag <see cref="StateTag"/>.</summary>
    public const string RowsWrittenName = "distribution.storage.rows_written";

    /// <summary>Counter: database transactions (one per batch), tag <see cref="OperationTag"/>.</summary>
    public const string TransactionsName = "distribution.storage.transactions";

    /// <summary>Counter: rows found by reads.</summary>
    public const string RowsReadName = "distribution.storage.rows_read";

    /// <summary>Histogram: operations per batch, tag <see cref="OperationTag"/>.</summary>
    public const string BatchSizeName = "distribution.storage.batch_size";

    /// <summary>Tag: the state name of the rows.</summary>
    public const string StateTag = "state";

    /// <summary>Tag: write, read or delete.</summary>
    public const string OperationTag = "operation";

    // Preallocated tags: recording a batch allocates nothing.
    private static readonly KeyValuePair<string, object?> WriteOperation = new(OperationTag, "write");
    private static readonly KeyValuePair<string, object?> ReadOperation = new(OperationTag, "read");
    private static readonly KeyValuePair<string, object?> DeleteOperation = new(OperationTag, "delete");

    private readonly Counter<long> _rowsWritten;
    private readonly Counter<long> _transactions;
    private readonly Counter<long> _rowsRead;
    private readonly Histogram<int> _batchSize;

    /// <summary>Creates the instruments on the host's meter.</summary>
    public GroupCommitMetrics(DistributionMeter meters)
    {
        Meter = meters.Meter;
        _rowsWritten = Meter.CreateCounter<long>(RowsWrittenName, "{row}", "Grain state rows committed (writes and clears).");
        _transactions = Meter.CreateCounter<long>(TransactionsName, "{transaction}", "Grain storage database transactions, one per batch.");
        _rowsRead = Meter.CreateCounter<long>(RowsReadName, "{row}", "Grain state rows found by reads.");
        _batchSize = Meter.CreateHistogram<int>(BatchSizeName, "{operation}", "Operations carried by one grain storage batch.");
    }

    /// <summary>The meter the instruments live on (tests listen to this instance only).</summary>
    public Meter Meter { get; }

    /// <summary>Records one write batch that committed: its size and transaction; rows go through <see cref="RowsWritten"/>.</summary>
    public void WriteBatch(int operations, bool onlyClears)
    {
        var operation = onlyClears ? DeleteOperation : WriteOperation;
        _transactions.Add(1, operation);
        _batchSize.Record(operations, operation);
    }

    /// <summary>Records committed rows of one state name.</summary>
    public void RowsWritten(string stateName, int rows) => _rowsWritten.Add(rows, new KeyValuePair<string, object?>(StateTag, stateName));

    /// <summary>Records one read batch and the rows it found.</summary>
    public void ReadBatch(int operations, int rowsFound)
    {
        _transactions.Add(1, ReadOperation);
        _batchSize.Record(operations, ReadOperation);
        if (rowsFound > 0)
        {
            _rowsRead.Add(rowsFound);
        }
    }

    /// <summary>Records one expiry sweep statement.</summary>
    public void ExpiryBatch(int rowsDeleted)
    {
        _transactions.Add(1, DeleteOperation);
        _batchSize.Record(rowsDeleted, DeleteOperation);
    }
}
