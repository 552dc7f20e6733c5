using System.Diagnostics;

namespace ChannelTraffic;

/// <summary>
/// Sends the plan's submissions in order with a fixed number of workers. The plan is finite and every request has a
/// timeout, and --max-duration cancels the rest, so a run always ends on its own.
/// </summary>
public sealed class TrafficRunner(ApiClient api, TrafficOptions options, TextWriter output)
{
    private readonly ApiClient _api = api;
    private readonly TrafficOptions _options = options;
    private readonly TextWriter _output = output;

    public async Task<TrafficRunResult> RunAsync(TrafficPlan plan, string partnerKey, CancellationToken interrupt)
    {
        var submissions = plan.Submissions;
        var results = new SubmissionResult[submissions.Count];
        var counters = new LiveCounters();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        deadline.CancelAfter(_options.MaxDuration);
        var token = deadline.Token;

        using var stopProgress = new CancellationTokenSource();
        var progress = new ProgressReporter(counters, submissions.Count, _output);
        var progressTask = progress.RunAsync(stopProgress.Token);

        var started = Stopwatch.GetTimestamp();
        var next = -1;

        async Task WorkerAsync()
        {
            while (!token.IsCancellationRequested)
            {
                // Claiming slots in plan order means a duplicate is never sent before its original has been claimed.
                var index = Interlocked.Increment(ref next);
                if (index >= submissions.Count)
                {
                    return;
                }

                counters.OnSent();
                var result = await _api.SubmitOrderAsync(partnerKey, submissions[index], token);
                results[index] = result;
                counters.OnCompleted(submissions[index], result);
            }
        }

        var workers = new Task[_options.Concurrency];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(WorkerAsync, CancellationToken.None);
        }

        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);

        await stopProgress.CancelAsync();
        await progressTask;
        progress.WriteLine();

        // Judge by what was cut short, not by the token: the deadline may fire just after the last response.
        var cutShort = results.Any(r => !r.Completed || r.Failure == FailureKind.Cancelled);
        var interrupted = cutShort && interrupt.IsCancellationRequested;
        return new TrafficRunResult(results, elapsed, interrupted, DeadlineReached: cutShort && !interrupted);
    }
}
