using Microsoft.Extensions.Logging;
using OrleansDistribution.Integration.Health;
using Polly.CircuitBreaker;

namespace OrleansDistribution.Integration.Http;

/// <summary>
/// Turns one circuit breaker's transitions into outage reports: opened once when an outage starts, closed
/// once when it ends. Polly raises OnOpened again each time a half-open probe fails; that is the same
/// outage, so it is logged but not reported. One instance per pipeline, i.e. per system; the HTTP adapters'
/// pipelines and the in-process simulation's circuits (<see cref="Simulated.SimulatedCircuits"/>) both report through it.
/// </summary>
internal sealed class CircuitStateReporter(string system, IDependencyHealthReporter reporter, ILogger logger)
{
    private int _reportedOpen;

    public ValueTask OnOpenedAsync<TResult>(OnCircuitOpenedArguments<TResult> args)
    {
        var call = OutboundCall.Of(args.Context);
        var reason = OutcomeText.Describe(args.Outcome);
        if (Interlocked.Exchange(ref _reportedOpen, 1) == 0)
        {
            DownstreamHttpLog.CircuitOpened(logger, system, args.BreakDuration.TotalMilliseconds, call?.OrderId ?? "-", call?.Attempts ?? 0, reason);
            Report(() => reporter.CircuitOpened(system, reason));
        }
        else
        {
            DownstreamHttpLog.CircuitReopened(logger, system, args.BreakDuration.TotalMilliseconds, call?.OrderId ?? "-", reason);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnHalfOpenedAsync(OnCircuitHalfOpenedArguments args)
    {
        DownstreamHttpLog.CircuitHalfOpened(logger, system, OutboundCall.Of(args.Context)?.OrderId ?? "-");
        return ValueTask.CompletedTask;
    }

    public ValueTask OnClosedAsync<TResult>(OnCircuitClosedArguments<TResult> args)
    {
        if (Interlocked.Exchange(ref _reportedOpen, 0) == 1)
        {
            DownstreamHttpLog.CircuitClosed(logger, system, OutboundCall.Of(args.Context)?.OrderId ?? "-");
            Report(() => reporter.CircuitClosed(system));
        }

        return ValueTask.CompletedTask;
    }

    private void Report(Action report)
    {
        try
        {
            report();
        }
        catch (Exception exception)
        {
            // The callback runs inside the call that tripped the circuit: a failing reporter must not turn
            // that call's downstream failure into a different exception.
            DownstreamHttpLog.ReportFailed(logger, exception, system);
        }
    }
}
