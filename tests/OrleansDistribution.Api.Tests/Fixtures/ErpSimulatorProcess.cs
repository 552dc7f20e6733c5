using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>samples/ErpSimulator as a separate process: the ERP and WMS the API talks HTTP to.</summary>
public sealed class ErpSimulatorProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private ErpSimulatorProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<ErpSimulatorProcess> StartAsync()
    {
        var port = ChildProcess.FreePort();
        var process = ChildProcess.Start(ChildProcess.ProjectOutput("ErpSimulator", "samples"), new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var simulator = new ErpSimulatorProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await process.WaitUntilAsync(async () => (await simulator.Client.GetAsync("/_sim/faults")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "answering");
        return simulator;
    }

    /// <summary>Sets faults (PUT /_sim/faults).</summary>
    public async Task SetFaultsAsync(object faults)
    {
        using var response = await Client.PutAsJsonAsync("/_sim/faults", faults);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The simulator's books for an order (GET /_sim/orders/{orderId}).</summary>
    public async Task<JsonObject> OrderAsync(string orderId)
    {
        using var response = await Client.GetAsync($"/_sim/orders/{orderId}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync();
    }
}
