using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

public sealed class EventStreamHeartbeatTests
{
    [Fact]
    public async Task EventStream_Idle_SendsHeartbeatCommentsNotEvents()
    {
        await using var api = new ConfiguredApiFixture(new Dictionary<string, string> { ["Distribution:Events:HeartbeatInterval"] = "00:00:01" });
        await api.InitializeAsync();
        using var scenario = await Scenario.CreateAsync(api);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        using var response = await scenario.Partner.GetAsync("/v1/events/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var lines = new List<string>();
        var heartbeats = 0;
        while (heartbeats < 2 && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            heartbeats += line == ": keep-alive" ? 1 : 0;
        }

        // The subscribed event, then only comments (and the blank lines that end them): nothing a client must handle.
        Assert.True(response.Headers.CacheControl?.NoCache, "Cache-Control: no-cache");
        Assert.Equal(["event: subscribed", "data: {}"], lines.Take(2));
        Assert.StartsWith("id: ", lines[2]);
        Assert.All(lines.Skip(3), line => Assert.True(line is "" or ": keep-alive", $"unexpected line '{line}'"));
        Assert.Equal(2, heartbeats);
    }
}
