namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>
/// Exception IDs name their subject, so an operator action goes straight to it: an order's are "{orderId}-x{n}", a
/// SKU's drift is "drift:{sku}" (one open at a time per SKU, so the ID needs no sequence), an event a webhook endpoint
/// did not take is "webhook:{webhookId}:{cursor}" (the event's position in the partner's feed).
/// </summary>
public static class ExceptionIds
{
    private const string Separator = "-x";
    private const string DriftPrefix = "drift:";
    private const string WebhookPrefix = "webhook:";

    /// <summary>The n-th exception of an order.</summary>
    public static string For(string orderId, int sequence) => $"{orderId}{Separator}{sequence}";

    /// <summary>The drift exception of a SKU.</summary>
    public static string ForDrift(string sku) => $"{DriftPrefix}{sku}";

    /// <summary>The exception of the event at <paramref name="cursor"/> that the endpoint <paramref name="webhookId"/> did not take.</summary>
    public static string ForWebhook(string webhookId, string cursor) => $"{WebhookPrefix}{webhookId}:{cursor}";

    /// <summary>The order an exception ID belongs to, or null when the ID is malformed or names a SKU's or a webhook's exception.</summary>
    public static string? OrderOf(string exceptionId)
    {
        if (exceptionId.StartsWith(DriftPrefix, StringComparison.Ordinal) || exceptionId.StartsWith(WebhookPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var at = exceptionId.LastIndexOf(Separator, StringComparison.Ordinal);
        return at > 0 && int.TryParse(exceptionId.AsSpan(at + Separator.Length), out _) ? exceptionId[..at] : null;
    }

    /// <summary>The SKU a drift exception ID names, or null when it is not one.</summary>
    public static string? SkuOf(string exceptionId) =>
        exceptionId.StartsWith(DriftPrefix, StringComparison.Ordinal) && exceptionId.Length > DriftPrefix.Length
            ? exceptionId[DriftPrefix.Length..]
            : null;

    /// <summary>The endpoint and feed cursor a webhook exception ID names, or null when it is not one.</summary>
    public static (string WebhookId, string Cursor)? WebhookOf(string exceptionId)
    {
        if (!exceptionId.StartsWith(WebhookPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = exceptionId[WebhookPrefix.Length..];
        var at = rest.LastIndexOf(':');
        return at > 0 && at < rest.Length - 1 ? (rest[..at], rest[(at + 1)..]) : null;
    }
}
