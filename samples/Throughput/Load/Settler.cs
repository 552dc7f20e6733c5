using Throughput.Api;

namespace Throughput.Load;

/// <summary>
/// Learns the outcome of requests that got no answer (in flight when wrk stopped, or timed out) by sending
/// them again with the same Idempotency-Key and body: the API answers with the first outcome
/// (Idempotent-Replayed) or, if the first never arrived, creates the order now. Either way each such order is
/// then counted exactly once, which is what makes the reservation check exact.
/// </summary>
internal sealed class Settler(ApiClient api, string partnerKey)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    private readonly ApiClient _api = api;
    private readonly string _partnerKey = partnerKey;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _unsettled = new();

    /// <summary>Requests whose outcome is still unknown after every attempt.</summary>
    public int Unsettled => _unsettled.Count;

    /// <summary>Up to five of them: key and the last answer, for looking into the API's side.</summary>
    public IReadOnlyList<string> UnsettledExamples => [.. _unsettled.Take(5)];

    /// <summary>Resends every unanswered request (for at most 30 s in all) and counts the answers into <paramref name="tally"/>.</summary>
    public async Task SettleAsync(IReadOnlyList<OrderSpec> unanswered, LoadTally tally)
    {
        using var budget = new CancellationTokenSource(Budget);
        await Parallel.ForEachAsync(unanswered, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (order, _) =>
        {
            var last = "not sent";
            while (!budget.IsCancellationRequested)
            {
                var outcome = await _api.SubmitAsync(_partnerKey, order, CancellationToken.None);
                last = outcome.Status == 0 ? $"no answer ({outcome.Error})" : $"HTTP {outcome.Status}";
                // 409: the first submission is still being processed; no answer or 5xx: try again shortly.
                if (outcome.Status is not (0 or 409) && outcome.Status < 500)
                {
                    tally.Add(outcome, sampleLimit: 0);
                    return;
                }

                await Task.Delay(Pause, CancellationToken.None);
            }

            _unsettled.Enqueue($"{order.Key} (SKU {order.Sku}): last answer {last}");
        });
    }
}
