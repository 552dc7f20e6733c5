using Polly;

namespace OrleansDistribution.Integration.Http;

/// <summary>Short, log- and operator-friendly text for what one attempt produced.</summary>
internal static class OutcomeText
{
    public static string Describe<TResult>(Outcome<TResult> outcome) => outcome switch
    {
        { Result: HttpResponseMessage response } => Describe(response),
        { Exception: { } exception } => $"{exception.GetType().Name}: {exception.Message}",
        _ => "no outcome",
    };

    public static string Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.ReasonPhrase ?? response.StatusCode.ToString()}";
}
