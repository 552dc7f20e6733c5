using OrleansDistribution.Abstractions;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Domain.Partners;
using OrleansDistribution.Grains.Storage;

namespace OrleansDistribution.Grains.Partners;

/// <summary>
/// Grants a partner's orders for one UTC day to the API silos in leases. A grant is stored before it is returned, so a
/// restarted silo (or this grain moving) never grants the same orders twice: the cluster cannot accept more than the
/// quota, at the price of leases a silo did not use before the day ended.
/// </summary>
public sealed class DailyQuotaGrain(
    [PersistentState("quota", DistributionNames.Storage)] IPersistentState<DailyQuotaState> state) : Grain, IDailyQuotaGrain
{
    /// <inheritdoc />
    public async Task<int> LeaseAsync(int requested, int quota)
    {
        var granted = DailyQuota.Grant(state.State.Leased, requested, quota);
        if (granted > 0)
        {
            state.State.Leased += granted;
            try
            {
                await state.WriteOrDeactivateAsync(this);
            }
            catch
            {
                state.State.Leased -= granted;
                throw;
            }
        }

        return granted;
    }

    /// <inheritdoc />
    public Task<int> GetLeasedAsync() => Task.FromResult(state.State.Leased);
}
