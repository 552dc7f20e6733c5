using Xunit.Sdk;

namespace OrleansDistribution.Grains.Tests.Fixtures;

/// <summary>Waits for asynchronous behaviour by polling a condition until a deadline, instead of sleeping.</summary>
public static class Eventually
{
    /// <summary>How long a condition may take before the test fails.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Reads <paramref name="probe"/> until <paramref name="condition"/> holds and returns that value;
    /// fails with <paramref name="expectation"/> and the last value read when the deadline passes.
    /// </summary>
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string expectation, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTimeOffset.UtcNow + limit;
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new XunitException($"Expected within {limit.TotalSeconds:0.#}s: {expectation}. Last observed: {Describe(value)}");
            }

            await Task.Delay(PollInterval);
        }
    }

    private static string Describe<T>(T value) => value?.ToString() ?? "null";
}
