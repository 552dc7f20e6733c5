using Xunit.Sdk;

namespace OrleansDistribution.Testing;

/// <summary>
/// Waits for asynchronous behaviour by polling until a deadline, instead of sleeping a guessed time: the one
/// polling helper of every test project.
/// </summary>
public static class Eventually
{
    /// <summary>How long a condition may take before the test fails, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Reads <paramref name="probe"/> until <paramref name="condition"/> holds and returns that value; fails with
    /// <paramref name="expectation"/> and the last value read when the deadline passes.
    /// </summary>
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string expectation, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTimeOffset.UtcNow + limit;
        while (true)
        {
            var value = await probe().ConfigureAwait(false);
            if (condition(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new XunitException($"Expected within {limit.TotalSeconds:0.#} s: {expectation}. Last observed: {value?.ToString() ?? "null"}");
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="expectation"/> at the deadline.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string expectation, TimeSpan? timeout = null) =>
        MatchesAsync(condition, held => held, expectation, timeout);

    /// <summary>Polls a synchronous <paramref name="condition"/> (state gathered elsewhere, e.g. events read by a task).</summary>
    public static Task HoldsAsync(Func<bool> condition, string expectation, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), expectation, timeout);
}
