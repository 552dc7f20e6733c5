using System.Text;
using System.Text.Json;

namespace ChannelTraffic.Contracts;

/// <summary>
/// Reads response bodies leniently: the server is under construction, so a body that does not match
/// the contract is reported as data ("unreadable") instead of crashing the run.
/// </summary>
public static class ResponseReader
{
    private const int MaxDetailLength = 160;

    public static (string? OrderId, string? Status) ReadOrder(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            // ToString() tolerates ids and statuses serialized as numbers as well as strings.
            var orderId = root.TryGetProperty("orderId", out var id) && id.ValueKind != JsonValueKind.Null ? id.ToString() : null;
            var status = root.TryGetProperty("status", out var s) && s.ValueKind != JsonValueKind.Null ? s.ToString() : null;
            return (orderId, status);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>One line for a console: problem+json title/detail/errors when present, else the start of the body.</summary>
    public static string DescribeError(byte[] body)
    {
        if (body.Length == 0)
        {
            return "(empty body)";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var parts = new List<string>();
                foreach (var name in new[] { "title", "detail" })
                {
                    if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                    {
                        parts.Add(text);
                    }
                }

                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind != JsonValueKind.Null)
                {
                    parts.Add(errors.GetRawText());
                }

                if (parts.Count > 0)
                {
                    return Truncate(string.Join(" - ", parts));
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (e.g. an HTML error page): fall through to the raw text.
        }

        return Truncate(Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 1024)));
    }

    private static string Truncate(string text)
    {
        var oneLine = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return oneLine.Length <= MaxDetailLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxDetailLength), "...");
    }
}
