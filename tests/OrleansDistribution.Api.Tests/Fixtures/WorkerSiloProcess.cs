using Npgsql;

namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>A worker silo (src/OrleansDistribution.Silo) as a separate OS process in Postgres mode.</summary>
public sealed class WorkerSiloProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private WorkerSiloProcess(ChildProcess process, int siloPort)
    {
        _process = process;
        SiloPort = siloPort;
    }

    /// <summary>The silo-to-silo port, which identifies it in the membership table.</summary>
    public int SiloPort { get; }

    /// <summary>Starts a worker silo and waits until the membership table lists it as active.</summary>
    public static async Task<WorkerSiloProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string connectionString)
    {
        var siloPort = ChildProcess.FreePort();
        var environment = new Dictionary<string, string>(settings)
        {
            ["Distribution:Cluster:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Distribution:Cluster:GatewayPort"] = ChildProcess.FreePortSetting(),
        };
        var process = ChildProcess.Start(ChildProcess.ProjectOutput("OrleansDistribution.Silo"), environment);
        var silo = new WorkerSiloProcess(process, siloPort);
        await process.WaitUntilAsync(async () => await MembershipStatusAsync(connectionString, siloPort) == ActiveStatus, TimeSpan.FromSeconds(60), "active in the membership table");
        return silo;
    }

    /// <summary>Orleans' SiloStatus.Active as stored in the membership table.</summary>
    public const int ActiveStatus = 3;

    /// <summary>Orleans' SiloStatus.Dead as stored in the membership table.</summary>
    public const int DeadStatus = 6;

    /// <summary>The newest generation's status for a silo port, or null when it never joined.</summary>
    public static async Task<int?> MembershipStatusAsync(string connectionString, int siloPort)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status FROM orleans_membership WHERE port = @port ORDER BY generation DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("@port", siloPort);
        return await command.ExecuteScalarAsync() is int status ? status : null;
    }

    /// <summary>
    /// Polls the membership table until the silo has the status or the timeout passes, and returns the last status seen.
    /// A killed silo is declared dead once a peer finds its port refusing connections (RefusedSiloDetector), or
    /// after its peers' missed probes and votes when that check is off.
    /// </summary>
    public static async Task<int?> WaitForMembershipStatusAsync(string connectionString, int siloPort, int status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var current = await MembershipStatusAsync(connectionString, siloPort);
            if (current == status || DateTime.UtcNow >= deadline)
            {
                return current;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>What the silo printed so far.</summary>
    public string Output => _process.Output;

    /// <summary>SIGKILL.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
