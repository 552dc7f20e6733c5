using System.Globalization;

namespace ChannelTraffic;

/// <summary>Everything a run measured, computed once from the complete results; printed and optionally saved as JSON.</summary>
public sealed record RunSummary
{
    public required DateTimeOffset StartedAt { get; init; }

    public required MachineInfo Machine { get; init; }

    public required IReadOnlyDictionary<string, string> Options { get; init; }

    public required double SetupSeconds { get; init; }

    public required double TrafficSeconds { get; init; }

    public required int Planned { get; init; }

    public required int TotalRequests { get; init; }

    public required int NotSent { get; init; }

    public required int FirstSubmissions { get; init; }

    public required int DuplicateSubmissions { get; init; }

    public required int OrdersCreated { get; init; }

    public required int Accepted { get; init; }

    public required int OnHold { get; init; }

    public required IReadOnlyDictionary<string, int> OtherOrderStatuses { get; init; }

    public required int DuplicatesReplayed { get; init; }

    public required int ReplayedOnOriginals { get; init; }

    public required int InFlightConflicts { get; init; }

    public required int DuplicateOrdersCreated { get; init; }

    public required int RepeatsWithoutReplayHeader { get; init; }

    public required int UnreadableSuccessBodies { get; init; }

    public required IReadOnlyList<StatusCount> StatusCounts { get; init; }

    public required int ClientErrors { get; init; }

    public required int ServerErrors { get; init; }

    public required int Timeouts { get; init; }

    public required int TransportErrors { get; init; }

    public required int Cancelled { get; init; }

    public required double RequestsPerSecond { get; init; }

    public required double OrdersPerSecond { get; init; }

    public required LatencyStats AcceptanceLatency { get; init; }

    public required LatencyStats ReplayLatency { get; init; }

    public required IReadOnlyList<ErrorSample> ErrorSamples { get; init; }

    public required bool Interrupted { get; init; }

    public required IReadOnlyList<string> FailureReasons { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    public bool Passed => FailureReasons.Count == 0;

    public static RunSummary Create(
        TrafficOptions options, TrafficPlan plan, OnboardingResult onboarding, TrafficRunResult run, MachineInfo machine, DateTimeOffset startedAt)
    {
        var submissions = plan.Submissions;
        var results = run.Results;

        int total = 0, first = 0, duplicate = 0, notSent = 0;
        int replayed = 0, replayedOnOriginals = 0, inFlightConflicts = 0, unreadable = 0;
        int clientErrors = 0, serverErrors = 0, redirects = 0, throttled = 0, timeouts = 0, transport = 0, cancelled = 0;
        var statusCounts = new Dictionary<string, (int First, int Duplicate)>(StringComparer.Ordinal);
        var orderIdsByKey = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var freshSuccessesByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var orderStatusById = new Dictionary<string, string>(StringComparer.Ordinal);
        var errorGroups = new Dictionary<(string Status, string Detail), (int Count, string CorrelationId)>();
        var acceptanceLatency = new List<double>(results.Count);
        var replayLatency = new List<double>();

        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var submission = submissions[i];
            if (!result.Completed)
            {
                notSent++;
                continue;
            }

            total++;
            if (submission.IsDuplicate)
            {
                duplicate++;
            }
            else
            {
                first++;
            }

            var statusKey = result.Failure switch
            {
                FailureKind.Timeout => "timeout",
                FailureKind.Transport => "transport",
                FailureKind.Cancelled => "cancelled",
                _ => result.StatusCode.ToString(CultureInfo.InvariantCulture),
            };
            statusCounts.TryGetValue(statusKey, out var counts);
            statusCounts[statusKey] = submission.IsDuplicate ? (counts.First, counts.Duplicate + 1) : (counts.First + 1, counts.Duplicate);

            switch (result.Failure)
            {
                case FailureKind.Timeout:
                    timeouts++;
                    break;
                case FailureKind.Transport:
                    transport++;
                    break;
                case FailureKind.Cancelled:
                    cancelled++;
                    break;
                default:
                    break;
            }

            if (result.Failure == FailureKind.None)
            {
                if (result.StatusCode is >= 300 and < 400)
                {
                    redirects++;
                }
                else if (result.StatusCode is >= 400 and < 500)
                {
                    clientErrors++;
                    throttled += result.StatusCode == 429 ? 1 : 0;
                    inFlightConflicts += result.IsAllowedConflict(submission) ? 1 : 0;
                }
                else if (result.StatusCode >= 500)
                {
                    serverErrors++;
                }
            }

            if (result.Replayed)
            {
                replayed++;
                replayedOnOriginals += submission.IsDuplicate ? 0 : 1;
            }

            if (result.IsSuccess)
            {
                var key = submission.Order.IdempotencyKey;
                if (result.OrderId is { } orderId)
                {
                    if (!orderIdsByKey.TryGetValue(key, out var ids))
                    {
                        orderIdsByKey[key] = ids = new HashSet<string>(StringComparer.Ordinal);
                    }

                    ids.Add(orderId);

                    // The creating response is authoritative for the order's status; a replay only fills a gap.
                    if (!result.Replayed || !orderStatusById.ContainsKey(orderId))
                    {
                        orderStatusById[orderId] = result.OrderStatus ?? "(unreadable)";
                    }
                }
                else
                {
                    unreadable++;
                }

                if (result.Replayed)
                {
                    replayLatency.Add(result.LatencyMs);
                }
                else
                {
                    freshSuccessesByKey[key] = freshSuccessesByKey.GetValueOrDefault(key) + 1;
                    if (!submission.IsDuplicate)
                    {
                        acceptanceLatency.Add(result.LatencyMs);
                    }
                }
            }

            if (result.IsError(submission))
            {
                var group = (statusKey, result.Detail ?? string.Empty);
                errorGroups[group] = errorGroups.TryGetValue(group, out var seen)
                    ? (seen.Count + 1, seen.CorrelationId)
                    : (1, submission.CorrelationId);
            }
        }

        var duplicateOrders = orderIdsByKey.Values.Sum(ids => ids.Count - 1);
        var repeatsWithoutHeader = freshSuccessesByKey.Values.Sum(n => n - 1);
        var accepted = orderStatusById.Values.Count(s => string.Equals(s, OrderStatuses.Accepted, StringComparison.OrdinalIgnoreCase));
        var onHold = orderStatusById.Values.Count(s => string.Equals(s, OrderStatuses.OnHold, StringComparison.OrdinalIgnoreCase));
        var otherStatuses = orderStatusById.Values
            .Where(s => !string.Equals(s, OrderStatuses.Accepted, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(s, OrderStatuses.OnHold, StringComparison.OrdinalIgnoreCase))
            .GroupBy(s => s, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var seconds = Math.Max(run.Elapsed.TotalSeconds, 1e-9);

        var failures = new List<string>();
        if (serverErrors > 0)
        {
            failures.Add($"{serverErrors} responses were 5xx");
        }

        if (duplicateOrders > 0)
        {
            failures.Add($"{duplicateOrders} duplicate orders were created (same Idempotency-Key, different orderId)");
        }

        if (timeouts + transport > 0)
        {
            failures.Add($"{timeouts} requests timed out and {transport} failed at the transport level");
        }

        if (total - cancelled > 0 && orderStatusById.Count == 0)
        {
            failures.Add("no order was created");
        }

        if (run.DeadlineReached)
        {
            failures.Add($"stopped by --max-duration ({options.MaxDuration.TotalSeconds:0.#} s) with {notSent + cancelled} submissions not completed");
        }

        if (run.Interrupted)
        {
            failures.Add($"interrupted with {notSent + cancelled} submissions not completed");
        }

        var warnings = new List<string>();
        if (clientErrors - inFlightConflicts > 0)
        {
            warnings.Add($"{clientErrors - inFlightConflicts} unexpected 4xx responses (see error samples)");
        }

        if (throttled > 0)
        {
            warnings.Add($"{throttled} responses were 429: the partner was throttled, raise --rate-limit");
        }

        if (redirects > 0)
        {
            warnings.Add($"{redirects} responses were redirects: check --url (http vs https)");
        }

        if (repeatsWithoutHeader > 0)
        {
            warnings.Add($"{repeatsWithoutHeader} repeated keys were answered 2xx without Idempotent-Replayed: true");
        }

        if (unreadable > 0)
        {
            warnings.Add($"{unreadable} 2xx responses had no readable orderId, so they could not be checked for duplicates");
        }

        return new RunSummary
        {
            StartedAt = startedAt,
            Machine = machine,
            Options = options.Describe(plan.PartnerId, plan.SkuPrefix, plan.PriceListVersion, plan.Seed)
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            SetupSeconds = onboarding.Elapsed.TotalSeconds,
            TrafficSeconds = run.Elapsed.TotalSeconds,
            Planned = submissions.Count,
            TotalRequests = total,
            NotSent = notSent,
            FirstSubmissions = first,
            DuplicateSubmissions = duplicate,
            OrdersCreated = orderStatusById.Count,
            Accepted = accepted,
            OnHold = onHold,
            OtherOrderStatuses = otherStatuses,
            DuplicatesReplayed = replayed,
            ReplayedOnOriginals = replayedOnOriginals,
            InFlightConflicts = inFlightConflicts,
            DuplicateOrdersCreated = duplicateOrders,
            RepeatsWithoutReplayHeader = repeatsWithoutHeader,
            UnreadableSuccessBodies = unreadable,
            StatusCounts = statusCounts
                .Select(p => new StatusCount(p.Key, p.Value.First, p.Value.Duplicate))
                .OrderBy(s => s.Status.Length == 3 ? 0 : 1)
                .ThenBy(s => s.Status, StringComparer.Ordinal)
                .ToArray(),
            ClientErrors = clientErrors,
            ServerErrors = serverErrors,
            Timeouts = timeouts,
            TransportErrors = transport,
            Cancelled = cancelled,
            RequestsPerSecond = total / seconds,
            OrdersPerSecond = orderStatusById.Count / seconds,
            AcceptanceLatency = LatencyStats.From(acceptanceLatency),
            ReplayLatency = LatencyStats.From(replayLatency),
            ErrorSamples = errorGroups
                .OrderByDescending(g => g.Value.Count)
                .Take(8)
                .Select(g => new ErrorSample(g.Key.Status, g.Key.Detail, g.Value.Count, g.Value.CorrelationId))
                .ToArray(),
            Interrupted = run.Interrupted,
            FailureReasons = failures,
            Warnings = warnings,
        };
    }
}
