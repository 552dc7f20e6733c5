using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Domain.Inventory;

/// <summary>
/// What the ERP, the system of record, has said about one SKU's on-hand, kept so that its statements give the
/// same figure whatever order they arrive in and however often: the newest absolute figure (highest
/// sequence) plus every change with a later sequence, each counted once. The hub's own deductions
/// (shipments) since that absolute figure come off it until the ERP states a new one.
/// </summary>
public sealed class ErpStockBook
{
    /// <summary>
    /// Changes kept above the newest absolute figure. Beyond it the oldest is folded into the base, and a
    /// statement at or below the folded sequence counts as stale: a full snapshot (which the scheduled pull
    /// sends) always ends the window.
    /// </summary>
    public const int MaxChanges = 1024;

    private readonly SortedDictionary<long, int> _changes;

    /// <summary>A book as persisted.</summary>
    public ErpStockBook(long baseOnHand, long baseSequence, IEnumerable<KeyValuePair<long, int>> changes, long deducted, ErpStockStamps stamps)
    {
        BaseOnHand = baseOnHand;
        BaseSequence = baseSequence;
        _changes = new SortedDictionary<long, int>(changes.ToDictionary(pair => pair.Key, pair => pair.Value));
        ChangeSum = _changes.Values.Sum(value => (long)value);
        Deducted = deducted;
        Stamps = stamps;
    }

    /// <summary>A book that knows only a figure set in the hub (no ERP statement yet).</summary>
    public static ErpStockBook Manual(int onHand) => new(onHand, NoSequence, [], 0, ErpStockStamps.None);

    /// <summary>The sequence of a book the ERP never spoke to.</summary>
    public const long NoSequence = -1;

    /// <summary>The newest absolute figure (or one set in the hub, less the changes kept above it).</summary>
    public long BaseOnHand { get; private set; }

    /// <summary>The sequence of <see cref="BaseOnHand"/>; <see cref="NoSequence"/> when the ERP never stated one.</summary>
    public long BaseSequence { get; private set; }

    /// <summary>Changes with sequences above <see cref="BaseSequence"/>, by sequence.</summary>
    public IReadOnlyDictionary<long, int> Changes => _changes;

    /// <summary>Units the hub deducted (shipped) since the ERP's last absolute figure.</summary>
    public long Deducted { get; private set; }

    /// <summary>When the ERP's newest statement was true, applied, and last confirmed.</summary>
    public ErpStockStamps Stamps { get; private set; }

    /// <summary>The highest sequence applied; <see cref="NoSequence"/> when none.</summary>
    public long Sequence => _changes.Count > 0 ? Math.Max(BaseSequence, _changes.Keys.Last()) : BaseSequence;

    /// <summary>On-hand as the hub counts it: never negative.</summary>
    public int OnHand => (int)Math.Clamp(BaseOnHand + ChangeSum - Deducted, 0, int.MaxValue);

    private long ChangeSum { get; set; }

    /// <summary>
    /// Applies an ERP statement unless a later one (or this one) already was. A repeat of the newest statement
    /// still confirms the figure (the ERP said it again), so its age restarts.
    /// </summary>
    public ErpSyncResult Apply(ErpStockUpdate update, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(update.ErpSequence);
        var sequence = update.ErpSequence;
        var applied = update.OnHand is { } onHand ? ApplyAbsolute(sequence, onHand) : ApplyChange(sequence, update.Delta ?? 0);
        if (applied)
        {
            var newest = sequence >= Sequence;
            Stamps = new ErpStockStamps(
                newest || Stamps.AsOf is null ? update.AsOf : Stamps.AsOf,
                now,
                now,
                newest || Stamps.AsOf is null ? sequence : Stamps.AsOfSequence);
            return ErpSyncResult.Applied;
        }

        if (sequence == Sequence && Stamps.AsOf is { } asOf && update.AsOf >= asOf)
        {
            Stamps = Stamps with { AsOf = update.AsOf, ConfirmedAt = now };
        }

        return ErpSyncResult.Stale;
    }

    /// <summary>Sets on-hand by hand in the hub (not an ERP statement): the ERP's next figure replaces it.</summary>
    public void SetManually(int onHand)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onHand);
        BaseOnHand = onHand - ChangeSum;
        Deducted = 0;
    }

    /// <summary>The hub shipped units: they come off on-hand until the ERP states a new figure.</summary>
    public void Deduct(int quantity) => Deducted += quantity;

    /// <summary>A deduction turned out not to have happened.</summary>
    public void Undeduct(int quantity) => Deducted -= quantity;

    private bool ApplyAbsolute(long sequence, int onHand)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onHand);
        if (sequence <= BaseSequence || _changes.ContainsKey(sequence))
        {
            return false;
        }

        BaseOnHand = onHand;
        BaseSequence = sequence;
        Deducted = 0;
        foreach (var older in _changes.Keys.TakeWhile(key => key <= sequence).ToList())
        {
            ChangeSum -= _changes[older];
            _changes.Remove(older);
        }

        return true;
    }

    private bool ApplyChange(long sequence, int delta)
    {
        if (sequence <= BaseSequence || !_changes.TryAdd(sequence, delta))
        {
            return false;
        }

        ChangeSum += delta;
        if (_changes.Count > MaxChanges)
        {
            var (oldest, value) = _changes.First();
            _changes.Remove(oldest);
            ChangeSum -= value;
            BaseOnHand += value;
            BaseSequence = oldest;
        }

        return true;
    }
}
