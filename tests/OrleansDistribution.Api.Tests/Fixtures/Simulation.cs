using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>Drives the API silo's in-process ERP/WMS simulation through its operator endpoints.</summary>
public static class Simulation
{
    /// <summary>Sets faults (for "erp", "wms" or both when system is null).</summary>
    public static async Task SetFaultsAsync(HttpClient operatorClient, object faults)
    {
        using var response = await operatorClient.PutAsJsonAsync("/v1/simulation/faults", faults);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>No faults anywhere.</summary>
    public static Task ClearFaultsAsync(HttpClient operatorClient) => SetFaultsAsync(operatorClient, new { });

    /// <summary>What the simulation did for an order.</summary>
    public static async Task<JsonObject> OrderAsync(HttpClient operatorClient, string orderId)
    {
        using var response = await operatorClient.GetAsync($"/v1/simulation/orders/{orderId}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
