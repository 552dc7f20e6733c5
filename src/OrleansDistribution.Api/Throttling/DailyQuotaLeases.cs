using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansDistribution.Abstractions.Partners;
using OrleansDistribution.Api.Errors;
using OrleansDistribution.Domain.Partners;

namespace OrleansDistribution.Api.Throttling;

/// <summary>
/// This API silo's share of each partner's daily order quota. It leases orders from the partner's
/// <see cref="IDailyQuotaGrain"/> in chunks (<see cref="DailyQuota.LeaseSize"/>) and hands them out to submissions,
/// so most orders cost a lock and a counter, not a grain call; the cluster as a whole never accepts more than the quota.
/// A lowered quota drops what this silo still holds. What counts: every new order answered 201 (accepted or on hold);
/// a replay of an order (Idempotent-Replayed) and a refused submission give their order back.
/// </summary>
public sealed class DailyQuotaLeases(IGrainFactory grains, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes one order of the partner's quota for today; returns the UTC day it counts to, or null when the day's quota
    /// is spent. Completes without a grain call while this silo holds leased orders.
    /// </summary>
    public ValueTask<DateOnly?> TryTakeAsync(string partnerId, int quota)
    {
        var lease = _leases.GetOrAdd(partnerId, static _ => new Lease());
        var day = DailyQuota.DayOf(clock.GetUtcNow());
        lock (lease.Gate)
        {
            if (lease.TryTake(day, quota) is { } taken)
            {
                return ValueTask.FromResult<DateOnly?>(taken);
            }

            if (lease.IsSpent(day, quota))
            {
                return ValueTask.FromResult<DateOnly?>(null);
            }
        }

        return RefillAndTakeAsync(lease, partnerId, quota, day);
    }

    /// <summary>Gives back an order taken for <paramref name="day"/> that was not accepted after all (replay, refusal, failure).</summary>
    public void GiveBack(string partnerId, DateOnly day)
    {
        if (_leases.TryGetValue(partnerId, out var lease))
        {
            lock (lease.Gate)
            {
                if (lease.Day == day)
                {
                    lease.Remaining++;
                }
            }
        }
    }

    /// <summary>The 429 of a spent quota: Retry-After is the time to the next UTC midnight, when the quota renews.</summary>
    public ProblemHttpResult Exhausted(HttpContext context, string partnerId, int quota)
    {
        var retryAfter = DailyQuota.SecondsUntilRenewal(clock.GetUtcNow());
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            type: ProblemTypes.For("quota-exhausted"),
            title: "Daily order quota spent",
            detail: $"Partner '{partnerId}' has had its {quota} orders accepted today (UTC); the quota renews at midnight UTC, in {retryAfter} s.");
    }

    private async ValueTask<DateOnly?> RefillAndTakeAsync(Lease lease, string partnerId, int quota, DateOnly day)
    {
        // One refill at a time per partner: the requests that queue behind it take from what it leased.
        await lease.Refill.WaitAsync();
        try
        {
            lock (lease.Gate)
            {
                if (lease.TryTake(day, quota) is { } taken)
                {
                    return taken;
                }

                if (lease.IsSpent(day, quota))
                {
                    return null;
                }
            }

            var granted = await grains.GetGrain<IDailyQuotaGrain>(DailyQuota.GrainKey(partnerId, day)).LeaseAsync(DailyQuota.LeaseSize(quota), quota);
            lock (lease.Gate)
            {
                if (granted == 0)
                {
                    lease.Spent(day, quota);
                    return null;
                }

                lease.Add(day, granted - 1);
                return day;
            }
        }
        finally
        {
            lease.Refill.Release();
        }
    }

    /// <summary>What this silo holds of one partner's quota; every member is used under <see cref="Gate"/>.</summary>
    private sealed class Lease
    {
        private int? _spentAtQuota;
        private int _quota;

        public Lock Gate { get; } = new();

        public SemaphoreSlim Refill { get; } = new(1, 1);

        public DateOnly Day { get; private set; }

        public int Remaining { get; set; }

        /// <summary>Takes a held order of <paramref name="day"/> (returns the day), or null when none is held.</summary>
        public DateOnly? TryTake(DateOnly day, int quota)
        {
            Roll(day, quota);
            if (Remaining > 0)
            {
                Remaining--;
                return day;
            }

            return null;
        }

        /// <summary>True when the grain said this day's quota is spent (at this quota; a raised one is asked again).</summary>
        public bool IsSpent(DateOnly day, int quota) => Day == day && _spentAtQuota == quota;

        public void Spent(DateOnly day, int quota)
        {
            if (Day == day)
            {
                _spentAtQuota = quota;
            }
        }

        public void Add(DateOnly day, int orders)
        {
            if (Day == day)
            {
                Remaining += orders;
            }
        }

        private void Roll(DateOnly day, int quota)
        {
            if (Day != day)
            {
                (Day, Remaining, _spentAtQuota) = (day, 0, null);
            }

            if (quota < _quota)
            {
                // Lowered: what this silo holds was leased under the old quota and may be more than the new one allows.
                Remaining = 0;
            }

            if (quota != _quota)
            {
                _spentAtQuota = null;
                _quota = quota;
            }
        }
    }
}
