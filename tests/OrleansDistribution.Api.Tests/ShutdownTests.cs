using System.Diagnostics;
using OrleansDistribution.Api.Tests.Fixtures;

namespace OrleansDistribution.Api.Tests;

/// <summary>Stopping the API silo as a service manager does (SIGTERM) while clients hold event streams open.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Sigterm_WithTenOpenEventStreams_ExitsGracefullyWithinTwoSeconds()
    {
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string> { ["Distribution:Storage"] = "Memory" });
        using var operatorClient = api.ClientWithKey(ApiFixture.OperatorKey);
        using var open = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var streams = new List<SseReader>();
        for (var i = 0; i < 10; i++)
        {
            streams.Add(await SseReader.OpenAsync(operatorClient, open.Token));
        }

        var stopping = Stopwatch.StartNew();
        api.Terminate();
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await api.WaitForExitAsync(exit.Token);
        stopping.Stop();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(2), $"took {stopping.Elapsed} to stop:\n{api.Output}");
        Assert.Equal(0, api.ExitCode);
        Assert.DoesNotContain("non-graceful", api.Output, StringComparison.OrdinalIgnoreCase);
        // Each client saw its stream end (not a reset): reading to the end completes.
        foreach (var stream in streams)
        {
            await foreach (var _ in stream.ReadEventsAsync(open.Token))
            {
            }

            stream.Dispose();
        }
    }
}
