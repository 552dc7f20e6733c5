namespace OrleansDistribution.Integration.Tests.Fixtures;

/// <summary>One request as the stub received it.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path including any path base, e.g. "/erp/orders".</param>
/// <param name="Query">Query string including "?", or empty.</param>
/// <param name="Headers">Request headers, case-insensitive.</param>
/// <param name="Body">Body text, empty when none.</param>
/// <param name="ReceivedAt">Stopwatch timestamp of arrival, for measuring gaps between attempts.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    long ReceivedAt)
{
    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
