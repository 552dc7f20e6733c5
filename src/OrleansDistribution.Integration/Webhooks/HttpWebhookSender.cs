using System.Diagnostics;
using System.Globalization;
using System.Text;
using Polly.CircuitBreaker;
using Polly.Timeout;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Integration.Webhooks;

/// <summary>
/// Sends a webhook through the "webhooks" HttpClient (<see cref="WebhookServiceCollectionExtensions"/>): the Standard
/// Webhooks headers, signed with the attempt's timestamp, then one attempt through the endpoint's own circuit and
/// attempt timeout. Every failure becomes a result, never an exception.
/// </summary>
internal sealed class HttpWebhookSender(IHttpClientFactory clients, TimeProvider time) : IWebhookSender
{
    /// <summary>Name of the HttpClient and of its resilience pipeline.</summary>
    public const string ClientName = "webhooks";

    /// <summary>Request option naming the endpoint, which selects its circuit.</summary>
    public static readonly HttpRequestOptionsKey<string> EndpointKey = new("webhook-endpoint");

    private const int MaxReasonLength = 200;

    /// <inheritdoc />
    public async Task<WebhookSendResult> SendAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url)
        {
            Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.IdHeader, message.MessageId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(message.Key, message.MessageId, timestamp, message.Body));
        request.Options.Set(EndpointKey, message.WebhookId);

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new WebhookSendResult(true, status, Stopwatch.GetElapsedTime(started), null)
                : new WebhookSendResult(false, status, Stopwatch.GetElapsedTime(started), $"answered {status} {Truncate(response.ReasonPhrase)}".TrimEnd());
        }
        catch (BrokenCircuitException exception)
        {
            return new WebhookSendResult(false, null, TimeSpan.Zero, "circuit open: the endpoint kept failing, nothing was sent",
                exception.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1));
        }
        catch (TimeoutRejectedException exception)
        {
            return new WebhookSendResult(false, null, Stopwatch.GetElapsedTime(started), $"no answer within {exception.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException exception)
        {
            return new WebhookSendResult(false, null, Stopwatch.GetElapsedTime(started), $"could not be reached: {Truncate(exception.Message)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout, a backstop behind the attempt timeout.
            return new WebhookSendResult(false, null, Stopwatch.GetElapsedTime(started), "no answer in time");
        }
    }

    private static string Truncate(string? text) =>
        text is null ? "" : text.Length <= MaxReasonLength ? text : string.Concat(text.AsSpan(0, MaxReasonLength), "…");
}
