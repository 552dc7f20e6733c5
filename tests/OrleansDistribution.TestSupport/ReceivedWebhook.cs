using System.Text;

namespace OrleansDistribution.TestSupport;

/// <summary>One request a <see cref="WebhookReceiver"/> got, with the status it answered.</summary>
public sealed record ReceivedWebhook(string? Id, string? Timestamp, string? Signature, byte[] RawBody, DateTimeOffset ReceivedAt, int Status)
{
    /// <summary>The body as text.</summary>
    public string Body => Encoding.UTF8.GetString(RawBody);

    /// <summary>True when the receiver took it (answered 2xx).</summary>
    public bool Accepted => Status is >= 200 and < 300;
}
