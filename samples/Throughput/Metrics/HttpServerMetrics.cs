using System.Globalization;

namespace Throughput.Metrics;

/// <summary>
/// POST /v1/orders as the API itself saw them, from ASP.NET Core's instruments in /metrics
/// (<c>http.server.active_requests</c>, <c>http.server.request.duration</c>): how many requests are still in
/// progress, and the answers by status. The light wrk phases read no response, so this is where a run learns
/// what their non-2xx answers were, and how many orders the server created for requests wrk stopped waiting
/// for. Null where the build does not export them.
/// </summary>
internal static class HttpServerMetrics
{
    private const string ActiveRequests = "http_server_active_requests";
    private const string RequestCount = "http_server_request_duration_seconds_count";

    /// <summary>POST requests in progress (any route: the gauge has no route label).</summary>
    public static double? PostsInProgress(PrometheusText? scrape)
    {
        var series = scrape?.Series(ActiveRequests).Where(s => Label(s, "http_request_method") == "POST").ToList();
        return series is { Count: > 0 } ? series.Sum(s => s.Value) : null;
    }

    /// <summary>Answers to POST /v1/orders so far, by HTTP status.</summary>
    public static SortedDictionary<int, long>? OrderAnswers(PrometheusText? scrape)
    {
        if (scrape is null || !scrape.Series(RequestCount).Any())
        {
            return null;
        }

        var answers = new SortedDictionary<int, long>();
        foreach (var s in scrape.Series(RequestCount))
        {
            if (Label(s, "http_request_method") == "POST"
                && Label(s, "http_route")?.Trim('/') == "v1/orders"
                && int.TryParse(Label(s, "http_response_status_code"), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                answers[status] = answers.GetValueOrDefault(status) + (long)s.Value;
            }
        }

        return answers;
    }

    /// <summary>Answers between two scrapes; null when either lacks the instrument.</summary>
    public static SortedDictionary<int, long>? Since(SortedDictionary<int, long>? after, SortedDictionary<int, long>? before)
    {
        if (after is null || before is null)
        {
            return null;
        }

        var delta = new SortedDictionary<int, long>();
        foreach (var (status, count) in after)
        {
            if (count - before.GetValueOrDefault(status) is var d and > 0)
            {
                delta[status] = d;
            }
        }

        return delta;
    }

    private static string? Label(PrometheusSample sample, string name) => sample.Labels.TryGetValue(name, out var value) ? value : null;
}
