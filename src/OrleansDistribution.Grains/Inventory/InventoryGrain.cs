using Microsoft.Extensions.DependencyInjection;
using OrleansDistribution.Grains.Telemetry;
using Microsoft.Extensions.Options;
using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Abstractions.Orders;
using OrleansDistribution.Domain.Inventory;
using OrleansDistribution.Grains.Events;
using OrleansDistribution.Grains.Feed;
using OrleansDistribution.Grains.Storage;
using OrleansDistribution.Grains.Workflow;

namespace OrleansDistribution.Grains.Inventory;

/// <summary>
/// The single writer of one SKU's position. Each call decides on the in-memory position before its first
/// await, so decisions are serial (two orders can never both take the last unit) while the grain is
/// reentrant: a hot SKU decides many reservations while one write is in flight, and they all become durable
/// with the next write (group commit). Nobody is answered before the write carrying their decision is durable.
/// </summary>
[Reentrant]
public sealed partial class InventoryGrain(
    [PersistentState("inventory", DistributionNames.Storage)] IPersistentState<InventoryState> state,
    EventOutbox events,
    InventoryMetrics metrics,
    IOptions<WorkflowOptions> options,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
    ILogger<InventoryGrain> logger) : Grain, IInventoryGrain
{
    private StockPosition _position = new(0, 0, new Dictionary<string, InDoubtOperation>(StringComparer.Ordinal));
    private GroupCommitter _committer = null!;
    private Exception? _broken;
    private Dictionary<string, ChannelEntry> _channels = new(StringComparer.Ordinal);
    private DateTimeOffset? _setByHandAt;
    private bool _exists;
    private bool _unsaved;
    private string _reason = "set";
    private IGrainTimer? _doubtTimer;

    private string Sku => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _committer = new GroupCommitter(WriteAsync, ReloadAsync);
        Load();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Forget(Sku);

        // Settlements are kept lazily; write them down before going so the next activation has less to resolve.
        if (_unsaved && _broken is null && !_committer.HasPending)
        {
            try
            {
                await _committer.CommitAsync();
            }
            catch (Exception exception)
            {
                LogDeactivationWriteFailed(logger, exception, Sku);
            }
        }
    }

    /// <inheritdoc />
    public Task<InventorySnapshot> SetOnHandAsync(int onHand) => SetByHandAsync(onHand, null);

    /// <inheritdoc />
    public async Task<InventorySnapshot> SetByHandAsync(int onHand, int? safetyStock)
    {
        await ReadyAsync();
        _position.SetOnHand(onHand);
        if (safetyStock is { } units)
        {
            _position.SetSafetyStock(units);
        }

        _setByHandAt = clock.GetUtcNow();
        _exists = true;
        await ChangedAsync("set");
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<ErpSyncOutcome> SyncAsync(IReadOnlyList<ErpStockUpdate> updates)
    {
        await ReadyAsync();
        var now = clock.GetUtcNow();

        // A change needs a figure to change: a SKU the hub does not know starts with an absolute statement.
        var known = _exists || updates.Any(update => update.OnHand is not null);
        var stamps = _position.Book.Stamps;
        var results = new ErpSyncResult[updates.Count];
        for (var i = 0; i < updates.Count; i++)
        {
            var update = updates[i];
            if (!known)
            {
                results[i] = ErpSyncResult.UnknownSku;
                continue;
            }

            results[i] = _position.Sync(update, now);
            if (results[i] == ErpSyncResult.Applied)
            {
                metrics.SyncApplied(now - update.AsOf);
            }
        }

        if (results.Contains(ErpSyncResult.Applied))
        {
            _exists = true;
            await ChangedAsync("erp-sync");
        }
        else if (_position.Book.Stamps != stamps)
        {
            // Only confirmations: the figure stands, its age restarts.
            await ChangedAsync("erp-confirm");
        }
        else
        {
            await _committer.DurableAsync();
        }

        metrics.Confirmed(Sku, _position.Book.Stamps.ConfirmedAt);
        return new ErpSyncOutcome(results, Snapshot());
    }

    /// <inheritdoc />
    public async Task<InventorySnapshot?> GetAsync()
    {
        await ReadyAsync();

        // Report what is durable: wait for decisions still in flight rather than show them early.
        await _committer.DurableAsync();
        return _exists ? Snapshot() : null;
    }

    /// <inheritdoc />
    public async Task<InventorySnapshot?> GetForChannelAsync(string partnerId, InventoryPolicy policy)
    {
        await ReadyAsync();
        if (_exists && Learn(partnerId, policy))
        {
            // Knowing who trades the SKU is never urgent: it rides on the next write.
            _unsaved = true;
        }

        await _committer.DurableAsync();
        return _exists ? Snapshot() : null;
    }

    /// <inheritdoc />
    public async Task<ReservationOutcome> ReserveAsync(string orderId, int quantity, string partnerId, InventoryPolicy? policy)
    {
        await ReadyAsync();
        if (!_exists)
        {
            return ReservationOutcome.UnknownSku;
        }

        policy ??= InventoryPolicy.Default;
        Learn(partnerId, policy);
        var reserved = _position.Reserved;
        if (!_position.TryReserve(orderId, quantity, clock.GetUtcNow(), partnerId, policy))
        {
            return ReservationOutcome.Insufficient;
        }

        if (_position.Reserved != reserved)
        {
            await ChangedAsync("reserve");
        }
        else
        {
            // A repeat: answer once the original is durable.
            await _committer.DurableAsync();
        }

        return ReservationOutcome.Reserved;
    }

    /// <inheritdoc />
    public async Task<StockAllocation> AllocateAsync(string orderId, int quantity, string partnerId, InventoryPolicy policy)
    {
        await ReadyAsync();
        if (!_exists)
        {
            return new StockAllocation(ReservationOutcome.UnknownSku, 0, 0);
        }

        Learn(partnerId, policy);
        var (reserved, waiting) = (_position.Reserved, _position.Backorders.Count);
        var allocated = _position.Allocate(orderId, quantity, clock.GetUtcNow(), partnerId, policy);
        if (_position.Reserved != reserved || _position.Backorders.Count != waiting)
        {
            await ChangedAsync("reserve");
        }
        else
        {
            await _committer.DurableAsync();
        }

        return new StockAllocation(allocated == quantity ? ReservationOutcome.Reserved : ReservationOutcome.Insufficient, allocated, quantity - allocated);
    }

    /// <inheritdoc />
    public async Task CancelBackorderAsync(string orderId, int acknowledged)
    {
        await ReadyAsync();
        if (_position.CancelBackorder(orderId, acknowledged))
        {
            await ChangedAsync("release");
        }
        else
        {
            await _committer.DurableAsync();
        }
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string orderId, int quantity, string partnerId)
    {
        await ReadyAsync();
        if (_position.Release(orderId, quantity, clock.GetUtcNow(), partnerId))
        {
            await ChangedAsync("release");
        }
        else
        {
            await _committer.DurableAsync();
        }
    }

    /// <inheritdoc />
    public async Task DeductAsync(string orderId, int quantity, string partnerId)
    {
        await ReadyAsync();
        if (_position.Deduct(orderId, quantity, clock.GetUtcNow(), partnerId))
        {
            await ChangedAsync("ship");
        }
        else
        {
            await _committer.DurableAsync();
        }
    }

    /// <inheritdoc />
    public async Task SettleAsync(string orderId)
    {
        await ReadyAsync();

        // Forgetting is never urgent: it rides on the next write (or the deactivation's).
        _unsaved |= _position.Settle(orderId);
        if (_position.Backorders.TryGetValue(orderId, out var backorder) && backorder is { Confirmed: true, Filled: 0 } && _position.Available > 0)
        {
            // Stock arrived between the allocation and the order's confirmation: fill now rather than at the next change.
            await ChangedAsync("fill");
        }
    }

    private async Task ReadyAsync()
    {
        await _committer.Ready;
        if (_broken is { } broken)
        {
            throw new GrainStateUnavailableException($"Stock position of '{Sku}' could not be reloaded after a failed write; retry.", broken);
        }
    }

    private Task ChangedAsync(string reason)
    {
        // Whatever may have freed stock fills waiting backorders in the same write.
        var fills = reason is "reserve" or "ship" ? [] : _position.FillBackorders(PolicyOf);
        _reason = _committer.HasPending && _reason != reason ? "batch" : reason;
        ArmDoubtTimer();
        var commit = _committer.CommitAsync();
        if (fills.Count > 0)
        {
            _ = TellFillsAsync(commit, fills);
        }

        return commit;
    }

    private InventoryPolicy PolicyOf(string partnerId) => _channels.TryGetValue(partnerId, out var entry) ? entry.Policy : InventoryPolicy.Default;

    /// <summary>
    /// Once the fills are durable, tells each order (the absolute count, so a repeat is harmless). An order that no
    /// longer wants them gets them released; one that could not be reached is told again by the doubt timer.
    /// </summary>
    private async Task TellFillsAsync(Task durable, IReadOnlyList<BackorderFill> fills)
    {
        try
        {
            await durable;
        }
        catch
        {
            // The write failed and the position was reloaded: the fills never happened.
            return;
        }

        var refused = false;
        foreach (var fill in fills)
        {
            try
            {
                if (await GrainFactory.GetGrain<IOrderGrain>(fill.OrderId).BackorderFilledAsync(Sku, fill.Filled, fill.Waiting))
                {
                    _unsaved |= _position.AcknowledgeFill(fill.OrderId, fill.Filled);
                }
                else
                {
                    refused |= _position.Backorders.TryGetValue(fill.OrderId, out var backorder) && _position.CancelBackorder(fill.OrderId, backorder.Told);
                }
            }
            catch (Exception exception)
            {
                LogFillUntold(logger, exception, Sku, fill.OrderId);
            }
        }

        if (refused)
        {
            await ChangedAsync("release");
        }
    }

    /// <summary>
    /// Snapshots the position synchronously (later decisions go into the next write), then writes it, with what the
    /// channels are told appended to their feeds in the same write.
    /// </summary>
    private async Task WriteAsync()
    {
        var now = clock.GetUtcNow();
        var reason = _reason;
        var snapshot = InventoryState.From(_position, now, new Dictionary<string, ChannelEntry>(_channels, StringComparer.Ordinal), _setByHandAt);
        var told = TellChannels(snapshot, now);
        snapshot.FeedAppends = told.Count == 0 ? null : [.. told.Select(availability => new PartnerFeedAppend(availability.PartnerId, availability))];
        state.State = snapshot;
        _unsaved = false;
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            // Appended once (or not at all: a failed write reloads the channels, so they are told again).
            snapshot.FeedAppends = null;
        }

        events.Publish(new InventoryChanged
        {
            EventId = EventOutbox.NewEventId(),
            At = now,
            CorrelationId = Correlation.Current,
            Sku = Sku,
            OnHand = snapshot.OnHand,
            Reserved = snapshot.Reserved,
            Available = Math.Max(0, snapshot.OnHand - snapshot.Reserved - snapshot.SafetyStock),
            Reason = reason,
        });
        foreach (var availability in told)
        {
            events.Publish(availability);
        }
    }

    /// <summary>
    /// What each channel trading the SKU may promise after this write, for the channels where that moved by their
    /// threshold; remembered as told in the snapshot being written (and in memory: a failed write reloads both).
    /// </summary>
    private List<AvailabilityChanged> TellChannels(InventoryState snapshot, DateTimeOffset now)
    {
        var told = new List<AvailabilityChanged>();
        foreach (var (partnerId, entry) in _channels)
        {
            var promise = ChannelAvailability.Of(snapshot.OnHand, snapshot.Reserved, snapshot.SafetyStock,
                snapshot.ReservedByChannel.GetValueOrDefault(partnerId), entry.Policy).AvailableToPromise;
            if (!ChannelAvailability.IsWorthTelling(entry.LastTold, promise, entry.Policy.PublishThreshold))
            {
                continue;
            }

            snapshot.Channels[partnerId] = entry with { LastTold = promise };
            told.Add(new AvailabilityChanged
            {
                EventId = EventOutbox.NewEventId(),
                At = now,
                CorrelationId = Correlation.Current,
                Sku = Sku,
                PartnerId = partnerId,
                AvailableToPromise = promise,
            });
        }

        foreach (var availability in told)
        {
            _channels[availability.PartnerId] = snapshot.Channels[availability.PartnerId];
        }

        return told;
    }

    /// <summary>Notes the channel's policy; true when it is new or changed.</summary>
    private bool Learn(string partnerId, InventoryPolicy policy)
    {
        if (_channels.TryGetValue(partnerId, out var known) && known.Policy == policy)
        {
            return false;
        }

        _channels[partnerId] = new ChannelEntry(policy, known?.LastTold);
        return true;
    }

    private async Task ReloadAsync()
    {
        try
        {
            await state.ReadStateAsync();
            Load();
        }
        catch (Exception exception)
        {
            _broken = exception;
            DeactivateOnIdle();
            throw;
        }
    }

    private void Load()
    {
        _exists = state.RecordExists;
        _position = state.State.ToPosition();
        _channels = new Dictionary<string, ChannelEntry>(state.State.Channels, StringComparer.Ordinal);
        _setByHandAt = state.State.SetByHandAt;
        metrics.Confirmed(Sku, _position.Book.Stamps.ConfirmedAt);
        if (_position.InDoubt.Count > 0 || BackordersNeedAttention)
        {
            ArmDoubtTimer();
        }
    }

    private bool BackordersNeedAttention => _position.Backorders.Values.Any(backorder => !backorder.Confirmed || backorder.HasNews);

    private void ArmDoubtTimer()
    {
        var period = options.Value.InDoubtTimeout;
        _doubtTimer ??= this.RegisterGrainTimer(ResolveDoubtsAsync, new GrainTimerCreationOptions
        {
            DueTime = period,
            Period = period,
            Interleave = true,
            KeepAlive = false,
        });
    }

    /// <summary>
    /// Operations whose order never confirmed them (it crashed before or after recording its side): ask each
    /// order what its durable record says and make the position agree with it.
    /// </summary>
    private async Task ResolveDoubtsAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.InDoubtTimeout;
        await ResolveBackordersAsync(cutoff);
        var stale = _position.InDoubt.Where(pair => pair.Value.At <= cutoff).Take(64).ToList();
        if (stale.Count == 0)
        {
            if (_position.InDoubt.Count == 0 && !BackordersNeedAttention)
            {
                _doubtTimer?.Dispose();
                _doubtTimer = null;
            }

            return;
        }

        var changed = false;
        foreach (var (orderId, seen) in stale)
        {
            try
            {
                var hold = await GrainFactory.GetGrain<IOrderGrain>(orderId).GetStockHoldAsync(Sku);
                var reserved = _position.Reserved;
                var onHand = _position.OnHand;
                if (_position.Resolve(orderId, seen, hold))
                {
                    _unsaved = true;
                    changed |= reserved != _position.Reserved || onHand != _position.OnHand;
                    if (reserved != _position.Reserved)
                    {
                        metrics.Resolved(_position.Reserved < reserved ? "released" : "restored", Math.Abs(reserved - _position.Reserved));
                    }
                }
            }
            catch (Exception exception)
            {
                LogDoubtUnresolved(logger, exception, Sku, orderId);
            }
        }

        if (changed)
        {
            await ChangedAsync("reconcile");
        }
    }

    /// <summary>Backorders their order never confirmed are checked with it; fills not acknowledged are told again.</summary>
    private async Task ResolveBackordersAsync(DateTimeOffset cutoff)
    {
        var resolved = false;
        foreach (var (orderId, _) in _position.Backorders.Where(pair => !pair.Value.Confirmed && pair.Value.Since <= cutoff).Take(64).ToList())
        {
            try
            {
                var hold = await GrainFactory.GetGrain<IOrderGrain>(orderId).GetStockHoldAsync(Sku);
                _position.ResolveBackorder(orderId, hold);
                resolved = true;
            }
            catch (Exception exception)
            {
                LogDoubtUnresolved(logger, exception, Sku, orderId);
            }
        }

        if (resolved)
        {
            // Confirmed ones may be filled now, dropped ones may free stock for others.
            await ChangedAsync("reconcile");
        }

        if (_position.UntoldFills() is { Count: > 0 } untold)
        {
            await TellFillsAsync(Task.CompletedTask, untold);
        }
    }

    private InventorySnapshot Snapshot()
    {
        var durable = state.State;
        var book = durable.Erp;
        return new InventorySnapshot(Sku, durable.OnHand, durable.Reserved, Math.Max(0, durable.OnHand - durable.Reserved - durable.SafetyStock), durable.UpdatedAt)
        {
            SafetyStock = durable.SafetyStock,
            ReservedByChannel = durable.ReservedByChannel,
            Erp = book is null || book.AsOf is null
                ? ErpSyncStatus.Never with { ShippedSinceErp = book?.Deducted ?? 0 }
                : new ErpSyncStatus(Math.Max(book.BaseSequence, book.Changes.Count > 0 ? book.Changes.Keys.Max() : book.BaseSequence), book.AsOf, book.AppliedAt, book.ConfirmedAt, book.Deducted),
            SetByHandAt = durable.SetByHandAt,
            ChannelPolicies = durable.Channels.ToDictionary(pair => pair.Key, pair => pair.Value.Policy, StringComparer.Ordinal),
            Backordered = durable.Backorders.Values.Sum(backorder => backorder.Waiting),
            BackorderedOrders = durable.Backorders.Values.Count(backorder => backorder.Waiting > 0),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SKU {Sku}: could not resolve the in-doubt operation of order {OrderId}; tried again later")]
    private static partial void LogDoubtUnresolved(ILogger logger, Exception exception, string sku, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SKU {Sku}: could not tell order {OrderId} of its backorder fill; told again later")]
    private static partial void LogFillUntold(ILogger logger, Exception exception, string sku, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SKU {Sku}: writing settlements at deactivation failed; they are resolved after reactivation")]
    private static partial void LogDeactivationWriteFailed(ILogger logger, Exception exception, string sku);
}
