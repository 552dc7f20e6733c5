using OrleansDistribution.Abstractions.Inventory;

namespace OrleansDistribution.Grains.Tests.Inventory;

/// <summary>
/// Counts the <see cref="IInventoryGrain.ReserveAsync"/> calls whose decision has been taken in the grain: the grain
/// decides in the synchronous part of the call and then waits for durability, so a call counts once the grain
/// method has returned its pending task. Lets a test wait until calls sent from the client have really reached
/// the grain, instead of hoping they did before it lets a held write go.
/// </summary>
public sealed class DecidedReservations : IIncomingGrainCallFilter
{
    private int _count;

    /// <summary>Reservation calls decided so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var call = context.Invoke();
        if (context.InterfaceMethod?.Name == nameof(IInventoryGrain.ReserveAsync))
        {
            Interlocked.Increment(ref _count);
        }

        await call;
    }

    /// <summary>Completes once <paramref name="expected"/> reservations are decided; fails after 10 s.</summary>
    public async Task WaitForAsync(int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Count < expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Count} of {expected} reservations reached the grain within 10 s");
            }

            await Task.Delay(5);
        }
    }
}
