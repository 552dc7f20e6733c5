using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Events;
using OrleansDistribution.Abstractions.Inventory;
using OrleansDistribution.Domain.Inventory;
using OrleansDistribution.Grains.Events;
using OrleansDistribution.Grains.Storage;
using OrleansDistribution.Grains.Workflow;

namespace OrleansDistribution.Grains.Inventory;

/// <summary>
/// The single writer of one SKU's position. Orleans runs one call at a time per activation, so two orders
/// can never both take the last unit: that is the whole anti-oversell mechanism.
/// </summary>
public sealed class InventoryGrain(
    [PersistentState("inventory", DistributionNames.Storage)] IPersistentState<InventoryState> state,
    TimeProvider clock,
    ILogger<InventoryGrain> logger) : Grain, IInventoryGrain
{
    private string Sku => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<InventorySnapshot> SetOnHandAsync(int onHand)
    {
        var position = Position();
        position.SetOnHand(onHand);
        await SaveAsync(position, "set");
        return Snapshot(position);
    }

    /// <inheritdoc />
    public Task<InventorySnapshot?> GetAsync() =>
        Task.FromResult(state.RecordExists ? Snapshot(Position()) : null);

    /// <inheritdoc />
    public async Task<ReservationOutcome> ReserveAsync(string orderId, int quantity)
    {
        if (!state.RecordExists)
        {
            return ReservationOutcome.UnknownSku;
        }

        var position = Position();
        var alreadyHeld = state.State.Reservations.ContainsKey(orderId) || state.State.ShippedOrders.Contains(orderId);
        if (!position.TryReserve(orderId, quantity))
        {
            return ReservationOutcome.Insufficient;
        }

        if (!alreadyHeld)
        {
            await SaveAsync(position, "reserve");
        }

        return ReservationOutcome.Reserved;
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string orderId)
    {
        var position = Position();
        if (position.Release(orderId))
        {
            await SaveAsync(position, "release");
        }
    }

    /// <inheritdoc />
    public async Task CommitAsync(string orderId)
    {
        var position = Position();
        if (position.Commit(orderId))
        {
            await SaveAsync(position, "ship");
        }
    }

    private StockPosition Position() =>
        new(state.State.OnHand, state.State.Reservations, state.State.ShippedOrders);

    private async Task SaveAsync(StockPosition position, string reason)
    {
        state.State.OnHand = position.OnHand;
        state.State.UpdatedAt = clock.GetUtcNow();
        await state.WriteOrDeactivateAsync(this);
        await this.PublishAsync(new InventoryChanged
        {
            EventId = EventPublisher.NewEventId(),
            At = state.State.UpdatedAt,
            CorrelationId = Correlation.Current,
            Sku = Sku,
            OnHand = position.OnHand,
            Reserved = position.Reserved,
            Available = position.Available,
            Reason = reason,
        }, logger);
    }

    private InventorySnapshot Snapshot(StockPosition position) =>
        new(Sku, position.OnHand, position.Reserved, position.Available, state.State.UpdatedAt);
}
