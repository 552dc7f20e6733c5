namespace OrleansDistribution.Integration.Simulated;

/// <summary>
/// The simulated systems' books: effects per order, made idempotent by the caller's Idempotency-Key the
/// way a real ERP would, so "commits" counts commits performed, not requests received. The books keep the
/// most recent <see cref="Capacity"/> orders: the simulation lives in the silo's process, and books that
/// grew with every order ever simulated were the silo's biggest memory leak under load.
/// </summary>
/// <param name="capacity">Orders kept; the oldest is forgotten when a new one would exceed it.</param>
public sealed class SimulationLedger(int capacity = SimulationLedger.DefaultCapacity)
{
    /// <summary>Orders the books keep by default.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly Lock _lock = new();
    private readonly Queue<string> _arrival = new();
    private readonly Dictionary<string, string> _answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Counters> _orders = new(StringComparer.Ordinal);

    /// <summary>The kinds of effect.</summary>
    public enum Effect
    {
        /// <summary>ERP commit.</summary>
        Commit,
        /// <summary>WMS release.</summary>
        Release,
        /// <summary>ERP cancel.</summary>
        ErpCancel,
        /// <summary>WMS cancel.</summary>
        WmsCancel,
    }

    /// <summary>Counts a request received for an order (whatever its fate) and remembers its correlation ID.</summary>
    public void Received(string orderId, string? correlationId)
    {
        lock (_lock)
        {
            var counters = CountersOf(orderId);
            counters.Requests++;
            if (!string.IsNullOrEmpty(correlationId) && !counters.CorrelationIds.Contains(correlationId))
            {
                counters.CorrelationIds.Add(correlationId);
            }
        }
    }

    /// <summary>Performs an effect once per idempotency key; a repeated key returns the first answer and changes nothing.</summary>
    public string Apply(string orderId, string idempotencyKey, Effect effect, Func<string> answer)
    {
        lock (_lock)
        {
            if (_answers.TryGetValue(idempotencyKey, out var first))
            {
                return first;
            }

            var counters = CountersOf(orderId);
            switch (effect)
            {
                case Effect.Commit:
                    counters.Commits++;
                    break;
                case Effect.Release:
                    counters.Releases++;
                    break;
                case Effect.ErpCancel:
                    counters.ErpCancels++;
                    break;
                case Effect.WmsCancel:
                    counters.WmsCancels++;
                    break;
            }

            var result = answer();
            _answers[idempotencyKey] = result;
            counters.Keys.Add(idempotencyKey);
            return result;
        }
    }

    /// <summary>What happened for an order, or null when nothing ever reached the simulation for it.</summary>
    public SimulatedOrderRecord? Of(string orderId)
    {
        lock (_lock)
        {
            return _orders.TryGetValue(orderId, out var c)
                ? new SimulatedOrderRecord(c.Commits, c.Releases, c.ErpCancels, c.WmsCancels, c.Requests, [.. c.CorrelationIds])
                : null;
        }
    }

    /// <summary>Orders the books keep.</summary>
    public int Capacity => capacity;

    private Counters CountersOf(string orderId)
    {
        if (!_orders.TryGetValue(orderId, out var counters))
        {
            _orders[orderId] = counters = new Counters();
            _arrival.Enqueue(orderId);
            while (_arrival.Count > capacity && _orders.Remove(_arrival.Dequeue(), out var forgotten))
            {
                foreach (var key in forgotten.Keys)
                {
                    _answers.Remove(key);
                }
            }
        }

        return counters;
    }

    private sealed class Counters
    {
        public int Commits { get; set; }
        public int Releases { get; set; }
        public int ErpCancels { get; set; }
        public int WmsCancels { get; set; }
        public int Requests { get; set; }
        public List<string> CorrelationIds { get; } = [];
        public List<string> Keys { get; } = [];
    }
}
