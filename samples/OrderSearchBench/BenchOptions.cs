using System.Globalization;

namespace OrderSearchBench;

/// <summary>The command line of the order search benchmark.</summary>
internal sealed record BenchOptions
{
    /// <summary>The --help text.</summary>
    public const string Usage = """
        OrderSearchBench - order search latency on a PostgreSQL order index of N orders.

        Fills distribution_order_index of the given database (migrated first, with the project's own
        migrations) through binary COPY, then times searches through the PostgreSQL store's own search
        code and prints p50/p90/p99/max per kind. The rows it added are deleted at the end unless --keep.

        Usage:
          dotnet run -c Release --project samples/OrderSearchBench -- --connection <npgsql> [options]

          --connection <cs>   Npgsql connection string of a database the user may migrate (required;
                              else env ORDER_SEARCH_BENCH_POSTGRES)
          --rows <n>          orders in the index                        (default 1000000)
          --partners <n>      partners they are spread over               (default 50)
          --lookups <n>       timed searches per kind                     (default 2000)
          --keep              leave the rows in place (a second run with the same --service reuses them)
          --service <id>      ServiceId of the rows                       (default bench-<random>)
          --help
        """;

    /// <summary>Where the index lives.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>How many orders to put in the index.</summary>
    public int Rows { get; init; } = 1_000_000;

    /// <summary>How many partners own them.</summary>
    public int Partners { get; init; } = 50;

    /// <summary>Timed searches per kind.</summary>
    public int Lookups { get; init; } = 2_000;

    /// <summary>Keep the rows after the run.</summary>
    public bool Keep { get; init; }

    /// <summary>The ServiceId the rows are written under.</summary>
    public string ServiceId { get; init; } = $"bench-{Guid.NewGuid():N}"[..18];

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static BenchOptions? Parse(string[] args, Func<string, string?> environment)
    {
        string? connection = environment("ORDER_SEARCH_BENCH_POSTGRES");
        int rows = 1_000_000, partners = 50, lookups = 2_000;
        var keep = false;
        string? service = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    return null;
                case "--connection":
                    connection = Value(args, ref i);
                    break;
                case "--rows":
                    rows = Positive(args, ref i);
                    break;
                case "--partners":
                    partners = Positive(args, ref i);
                    break;
                case "--lookups":
                    lookups = Positive(args, ref i);
                    break;
                case "--keep":
                    keep = true;
                    break;
                case "--service":
                    service = Value(args, ref i);
                    break;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new ArgumentException("--connection (or ORDER_SEARCH_BENCH_POSTGRES) is required");
        }

        var options = new BenchOptions { ConnectionString = connection, Rows = rows, Partners = Math.Min(partners, rows), Lookups = lookups, Keep = keep };
        return service is null ? options : options with { ServiceId = service };
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    private static int Positive(string[] args, ref int i)
    {
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{args[i - 1]} must be a positive integer, not '{text}'");
    }
}
