namespace OrleansDistribution.Abstractions.Exceptions;

/// <summary>Exception IDs name their order ("{orderId}-x{n}"), so an operator action goes straight to it.</summary>
public static class ExceptionIds
{
    private const string Separator = "-x";

    /// <summary>The n-th exception of an order.</summary>
    public static string For(string orderId, int sequence) => $"{orderId}{Separator}{sequence}";

    /// <summary>The order an exception ID belongs to, or null when the ID is malformed.</summary>
    public static string? OrderOf(string exceptionId)
    {
        var at = exceptionId.LastIndexOf(Separator, StringComparison.Ordinal);
        return at > 0 && int.TryParse(exceptionId.AsSpan(at + Separator.Length), out _) ? exceptionId[..at] : null;
    }
}
