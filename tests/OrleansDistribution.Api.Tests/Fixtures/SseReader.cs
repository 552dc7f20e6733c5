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

    /// <summary>The SSE <c>id</c> of the "subscribed" event: where a partner's stream starts in its feed (null on the operator's live stream).</summary>
    public string? StartId { get; private set; }

    /// <summary>
    /// Opens the stream (at <paramref name="path"/>, resuming after <paramref name="lastEventId"/> if given) and waits for
    /// the server's "subscribed" event, so later events are not missed.
    /// </summary>
    public static async Task<SseReader> OpenAsync(HttpClient client, CancellationToken cancellationToken, string path = "/v1/events/stream", string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new SseReader(response, await response.Content.ReadAsStreamAsync(cancellationToken));
        var subscribed = await reader.NextFrameAsync(cancellationToken);
        Assert.Equal("subscribed", subscribed?.Event);
        Assert.Equal("{}", subscribed?.Data);
        reader.StartId = subscribed?.Id;
        return reader;
    }

    public async IAsyncEnumerable<(string Event, JsonObject Data)> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var frame in ReadFramesAsync(cancellationToken))
        {
            yield return (frame.Event, frame.Data);
        }
    }

    /// <summary>The events with their SSE ids (keep-alives skipped).</summary>
    public async IAsyncEnumerable<(string Event, string? Id, JsonObject Data)> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await NextFrameAsync(cancellationToken) is { } frame)
        {
            if (frame.Event != "keep-alive")
            {
                yield return (frame.Event, frame.Id, JsonNode.Parse(frame.Data)!.AsObject());
            }
        }
    }

    private async Task<(string Event, string? Id, string Data)?> NextFrameAsync(CancellationToken cancellationToken)
    {
        string? eventType = null;
        string? data = null;
        string? id = null;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (eventType is not null && data is not null)
                {
                    return (eventType, id, data);
                }

                (eventType, data, id) = (null, null, null);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventType = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line["id: ".Length..];
            }
        }

        return null;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
