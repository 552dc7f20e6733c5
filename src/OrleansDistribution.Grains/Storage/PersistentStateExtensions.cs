namespace OrleansDistribution.Grains.Storage;

/// <summary>Keeps an activation's memory honest when storage fails.</summary>
internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes state; if the write fails the activation is discarded, so the next call reloads what storage
    /// really holds instead of serving a change that was never persisted.
    /// </summary>
    public static async Task WriteOrDeactivateAsync<T>(this IPersistentState<T> state, Grain grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
