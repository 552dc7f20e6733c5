using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansDistribution.Api.Errors;

/// <summary>
/// The problem types of docs/problems.md, compiled into this assembly and parsed once, so every <c>type</c> URI the
/// API sends resolves (<c>GET /problems/{code}</c>) to the documentation of exactly that row.
/// </summary>
public static partial class ProblemCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, ProblemDoc>> Docs = new(Load);

    /// <summary>A documented problem type.</summary>
    public sealed record ProblemDoc(string Code, string Status, string Meaning, string Action);

    /// <summary>Every documented problem, by code.</summary>
    public static IReadOnlyDictionary<string, ProblemDoc> All => Docs.Value;

    /// <summary>Maps <c>GET /problems/{code}</c>: the row as a small HTML page, or a 404 problem for an unknown code.</summary>
    public static IEndpointRouteBuilder MapProblemDocs(this IEndpointRouteBuilder app)
    {
        app.MapGet("/problems/{code}", (string code) => All.TryGetValue(code, out var doc)
                ? Results.Content(Page(doc), "text/html; charset=utf-8")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.For("not-found"), title: "Unknown problem type",
                    detail: $"'{code}' is not a problem type of this API; the list is at /problems/."))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/problems/", () => Results.Content(Index(), "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IReadOnlyDictionary<string, ProblemDoc> Load()
    {
        using var stream = typeof(ProblemCatalog).Assembly.GetManifestResourceStream("OrleansDistribution.Api.problems.md")
            ?? throw new InvalidOperationException("docs/problems.md is not embedded in the API assembly.");
        using var reader = new StreamReader(stream);
        var docs = new Dictionary<string, ProblemDoc>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (Row().Match(line) is { Success: true } row)
            {
                docs[row.Groups["code"].Value] = new ProblemDoc(row.Groups["code"].Value, row.Groups["status"].Value.Trim(),
                    row.Groups["meaning"].Value.Trim(), row.Groups["action"].Value.Trim());
            }
        }

        return docs;
    }

    private static string Page(ProblemDoc doc) =>
        $"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{Encode(doc.Code)}</title></head><body>
        <h1>/problems/{Encode(doc.Code)}</h1><p>HTTP status: {Encode(doc.Status)}</p>
        <h2>Meaning</h2><p>{Encode(doc.Meaning)}</p><h2>What to do</h2><p>{Encode(doc.Action)}</p>
        <p><a href="/problems/">All problem types</a></p></body></html>
        """;

    private static string Index()
    {
        var items = new StringBuilder();
        foreach (var doc in All.Values.OrderBy(d => d.Code, StringComparer.Ordinal))
        {
            items.Append(CultureInvariant($"<li><a href=\"/problems/{Encode(doc.Code)}\">{Encode(doc.Code)}</a> ({Encode(doc.Status)}): {Encode(doc.Meaning)}</li>"));
        }

        return $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Problem types</title></head><body><h1>Problem types</h1><ul>{items}</ul></body></html>";
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Encode(string text) => WebUtility.HtmlEncode(text.Replace("`", string.Empty, StringComparison.Ordinal));

    [GeneratedRegex(@"^\| `/problems/(?<code>[a-z-]+)` \| (?<status>[^|]+) \| (?<meaning>[^|]+) \| (?<action>[^|]+) \|\s*$")]
    private static partial Regex Row();
}
