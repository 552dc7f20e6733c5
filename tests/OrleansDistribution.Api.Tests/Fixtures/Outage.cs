using System.Net;
using System.Text.Json.Nodes;

namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>What outage tests share: submitting a batch of orders, waiting for them untouched, the operator's event feed.</summary>
internal static class Outage
{
    /// <summary>
    /// Long enough for the default circuit (15 s break, probes) and backoff (up to 30 s) to let every order through,
    /// and still well inside the default ERP-commit SLA (15 min), so an order held for it fails the test. With half
    /// the responses lost the default circuit (opening at 50 % failures) is open most of the time and its probe fails
    /// half the time: the slowest of 10 orders was measured getting through after 1–2.5 minutes (120 s was too short,
    /// one CI run failed on it).
    /// </summary>
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(5);

    public static async Task<List<string>> SubmitAsync(Scenario scenario, int count)
    {
        var orderIds = new List<string>();
        for (var i = 0; i < count; i++)
        {
            orderIds.Add((await scenario.SubmitCreatedAsync(Scenario.OrderBody($"PO-{i}", (scenario.Skus[i % 2], 1))))["orderId"]!.GetValue<string>());
        }

        return orderIds;
    }

    /// <summary>Every order reaches the warehouse without anyone touching it, never having been on hold.</summary>
    public static async Task AllReleasedUntouchedAsync(Scenario scenario, IEnumerable<string> orderIds)
    {
        foreach (var orderId in orderIds)
        {
            var order = await scenario.WaitForStatusAsync(orderId, "ReleasedToWarehouse", SettleTimeout);
            Assert.DoesNotContain(order["timeline"]!.AsArray(), entry => entry!["status"]!.GetValue<string>() == "OnHold");
        }
    }

    public static async Task<JsonArray> OpenExceptionsAsync(HttpClient operatorClient, string partnerId)
    {
        using var response = await operatorClient.GetAsync($"/v1/exceptions?partnerId={partnerId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Scenario.ReadObjectAsync(response))["items"]!.AsArray();
    }

    /// <summary>Collects the Dependency* events of the operator stream in the background.</summary>
    public sealed class DependencyEvents : IAsyncDisposable
    {
        private readonly List<(string Event, string Dependency)> _events = [];
        private readonly CancellationTokenSource _stop = new(TimeSpan.FromMinutes(4));
        private SseReader? _stream;
        private Task? _reading;

        public static async Task<DependencyEvents> OpenAsync(HttpClient operatorClient)
        {
            var events = new DependencyEvents();
            events._stream = await SseReader.OpenAsync(operatorClient, events._stop.Token);
            events._reading = Task.Run(async () =>
            {
                try
                {
                    await foreach (var (type, data) in events._stream.ReadEventsAsync(events._stop.Token))
                    {
                        if (type.StartsWith("Dependency", StringComparison.Ordinal))
                        {
                            lock (events._events)
                            {
                                events._events.Add((type, data["dependency"]!.GetValue<string>()));
                            }
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // Stopped by the test.
                }
            });
            return events;
        }

        public int Count(string type, string dependency)
        {
            lock (_events)
            {
                return _events.Count(e => e.Event == type && e.Dependency == dependency);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            if (_reading is not null)
            {
                await Task.WhenAny(_reading, Task.Delay(1000));
            }

            _stream?.Dispose();
            _stop.Dispose();
        }
    }
}
