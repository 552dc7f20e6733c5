using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>A minimal Server-Sent Events client: opens /v1/events/stream and yields (event, data) pairs.</summary>
public sealed class SseReader : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    /// <summary>Opens the stream and waits for the server's "subscribed" event, so later events are not missed.</summary>
    public static async Task<SseReader> OpenAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync("/v1/events/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new SseReader(response, await response.Content.ReadAsStreamAsync(cancellationToken));
        Assert.Equal("event: subscribed", await reader._reader.ReadLineAsync(cancellationToken));
        Assert.Equal("data: {}", await reader._reader.ReadLineAsync(cancellationToken));
        Assert.Equal(string.Empty, await reader._reader.ReadLineAsync(cancellationToken));
        return reader;
    }

    public async IAsyncEnumerable<(string Event, JsonObject Data)> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? eventType = null;
        string? data = null;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (eventType is not null && data is not null && eventType != "keep-alive")
                {
                    yield return (eventType, JsonNode.Parse(data)!.AsObject());
                }

                (eventType, data) = (null, null);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventType = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
