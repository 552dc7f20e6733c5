using System.Text.Json.Serialization;
using Throughput.Api;

namespace Throughput.Load;

/// <summary>
/// Counts of one load phase: responses by HTTP status, created orders by order status, the quantity the
/// accepted responses reserved per SKU, a sample of accepted order ids, and the requests left unanswered.
/// Thread-safe: the open loop adds from many continuations.
/// </summary>
internal sealed class LoadTally
{
    private readonly Lock _lock = new();
    private long _sampleCandidates;

    /// <summary>Responses per HTTP status (0 = no response).</summary>
    public SortedDictionary<int, long> Statuses { get; } = [];

    /// <summary>201s whose order status is Accepted (validated, priced, reserved).</summary>
    public long Accepted { get; private set; }

    /// <summary>201s whose order status is OnHold (captured; e.g. out of stock).</summary>
    public long OnHold { get; private set; }

    /// <summary>201s with another status.</summary>
    public long OtherCreated { get; private set; }

    /// <summary>Answers carrying Idempotent-Replayed: true (only when settling resends).</summary>
    public long Replayed { get; private set; }

    /// <summary>Quantity reserved by Accepted responses, per SKU.</summary>
    public SortedDictionary<string, long> AcceptedQuantityBySku { get; } = new(StringComparer.Ordinal);

    /// <summary>Some accepted order ids, for the drain check.</summary>
    [JsonIgnore]
    public List<string> SampledOrderIds { get; } = [];

    /// <summary>Requests sent without an answer (in flight when the phase stopped, or timed out).</summary>
    [JsonIgnore]
    public List<OrderSpec> Unanswered { get; } = [];

    /// <summary>Number of unanswered requests.</summary>
    public int UnansweredCount => Unanswered.Count;

    /// <summary>All 201s.</summary>
    public long Created => Accepted + OnHold + OtherCreated;

    /// <summary>Answers with status 500 or above, or none at all.</summary>
    public long Failures => Statuses.Where(s => s.Key >= 500 || s.Key == 0).Sum(s => s.Value);

    /// <summary>Counts a response; the open loop and the settling resends report here.</summary>
    public void Add(SubmitOutcome outcome, int sampleLimit)
    {
        lock (_lock)
        {
            AddStatus(outcome.Status, 1);
            Replayed += outcome.Replayed ? 1 : 0;
            if (outcome.Status != 201)
            {
                return;
            }

            AddOrderStatus(outcome.OrderStatus, 1);
            if (outcome.OrderStatus == "Accepted" && outcome.Sku is not null)
            {
                AddAcceptedQuantity(outcome.Sku, outcome.Quantity);
                if (outcome.OrderId is not null)
                {
                    Sample(outcome.OrderId, sampleLimit);
                }
            }
        }
    }

    /// <summary>Reservoir sampling: every accepted order of the phase has the same chance to be followed.</summary>
    private void Sample(string orderId, int limit)
    {
        _sampleCandidates++;
        if (SampledOrderIds.Count < limit)
        {
            SampledOrderIds.Add(orderId);
        }
        else if (limit > 0 && Random.Shared.NextInt64(_sampleCandidates) is var slot && slot < limit)
        {
            SampledOrderIds[(int)slot] = orderId;
        }
    }

    /// <summary>Remembers a request that got no answer, to settle it later.</summary>
    public void AddUnanswered(OrderSpec order)
    {
        lock (_lock)
        {
            Unanswered.Add(order);
        }
    }

    /// <summary>Adds a count of responses with one HTTP status.</summary>
    public void AddStatus(int status, long count)
    {
        lock (_lock)
        {
            Statuses[status] = Statuses.GetValueOrDefault(status) + count;
        }
    }

    /// <summary>Adds created orders of one order status.</summary>
    public void AddOrderStatus(string? orderStatus, long count)
    {
        lock (_lock)
        {
            switch (orderStatus)
            {
                case "Accepted":
                    Accepted += count;
                    break;
                case "OnHold":
                    OnHold += count;
                    break;
                default:
                    OtherCreated += count;
                    break;
            }
        }
    }

    /// <summary>Adds quantity reserved on a SKU by accepted orders.</summary>
    public void AddAcceptedQuantity(string sku, long quantity)
    {
        lock (_lock)
        {
            AcceptedQuantityBySku[sku] = AcceptedQuantityBySku.GetValueOrDefault(sku) + quantity;
        }
    }

    /// <summary>Adds everything another tally counted, except its unanswered requests (settled separately).</summary>
    public void Merge(LoadTally other)
    {
        lock (_lock)
        {
            foreach (var (status, count) in other.Statuses)
            {
                AddStatus(status, count);
            }

            Accepted += other.Accepted;
            OnHold += other.OnHold;
            OtherCreated += other.OtherCreated;
            Replayed += other.Replayed;
            foreach (var (sku, quantity) in other.AcceptedQuantityBySku)
            {
                AddAcceptedQuantity(sku, quantity);
            }

            SampledOrderIds.AddRange(other.SampledOrderIds);
        }
    }
}
