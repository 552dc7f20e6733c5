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

    /// <summary>
    /// Order statuses an answer can carry while the order holds its reservation. A first response says
    /// Accepted; an answer to a resend may carry the order's current status instead (see <see cref="OtherCreated"/>).
    /// </summary>
    public static readonly IReadOnlySet<string> Reserving = new HashSet<string>(StringComparer.Ordinal) { "Accepted", "ErpCommitted", "ReleasedToWarehouse" };

    /// <summary>201s per order status in the body.</summary>
    public SortedDictionary<string, long> OrderStatuses { get; } = new(StringComparer.Ordinal);

    /// <summary>201s whose order status is Accepted (validated, priced, reserved).</summary>
    public long Accepted => OrderStatuses.GetValueOrDefault("Accepted");

    /// <summary>201s whose order status is OnHold (captured; e.g. out of stock).</summary>
    public long OnHold => OrderStatuses.GetValueOrDefault("OnHold");

    /// <summary>
    /// 201s with another status: an idempotent resend answered with the order's state at that moment
    /// (e.g. ErpCommitted) rather than the first response. Their reservations are counted all the same.
    /// </summary>
    public long OtherCreated => OrderStatuses.Where(s => s.Key is not ("Accepted" or "OnHold")).Sum(s => s.Value);

    /// <summary>Answers carrying Idempotent-Replayed: true (only when settling resends).</summary>
    public long Replayed { get; private set; }

    /// <summary>Quantity reserved by the orders created, per SKU (every answer with a <see cref="Reserving"/> status).</summary>
    public SortedDictionary<string, long> AcceptedQuantityBySku { get; } = new(StringComparer.Ordinal);

    /// <summary>Some accepted order ids, for the drain check.</summary>
    [JsonIgnore]
    public List<string> SampledOrderIds { get; } = [];

    /// <summary>Requests sent without an answer (in flight when the phase stopped, or timed out).</summary>
    [JsonIgnore]
    public List<OrderSpec> Unanswered { get; } = [];

    /// <summary>A few non-201 answers (status and the start of the body), to say what went wrong.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>201s whose body the wrk script could not read a SKU and quantity from: their reservation is unknown.</summary>
    public long Unreadable { get; private set; }

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
                AddProblem(outcome.Status == 0 ? $"no answer: {outcome.Error}" : $"{outcome.Status} {outcome.Error}");
                return;
            }

            AddOrderStatus(outcome.OrderStatus, 1);
            if (outcome.OrderStatus is { } status && Reserving.Contains(status) && outcome.Sku is not null)
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

    /// <summary>Counts 201s whose reservation could not be read.</summary>
    public void AddUnreadable(long count)
    {
        lock (_lock)
        {
            Unreadable += count;
        }
    }

    /// <summary>Keeps a non-201 answer as an example (at most five).</summary>
    public void AddProblem(string problem)
    {
        lock (_lock)
        {
            if (Problems.Count < 5)
            {
                Problems.Add(problem);
            }
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
            var status = orderStatus ?? "Unreadable";
            OrderStatuses[status] = OrderStatuses.GetValueOrDefault(status) + count;
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

            foreach (var (status, count) in other.OrderStatuses)
            {
                AddOrderStatus(status, count);
            }

            Replayed += other.Replayed;
            foreach (var (sku, quantity) in other.AcceptedQuantityBySku)
            {
                AddAcceptedQuantity(sku, quantity);
            }

            Unreadable += other.Unreadable;
            SampledOrderIds.AddRange(other.SampledOrderIds);
            foreach (var problem in other.Problems)
            {
                AddProblem(problem);
            }

        }
    }
}
