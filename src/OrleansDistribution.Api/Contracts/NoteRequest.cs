using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>Optional body of POST /v1/exceptions/{id}/retry: why, for the timeline.</summary>
public sealed record NoteRequest : IRequestExample<NoteRequest>
{
    /// <summary>Longest note an operator may leave on a timeline (retry and resolve alike).</summary>
    public const int MaxLength = 500;

    /// <summary>Why the step is retried; shown on the order's timeline.</summary>
    [PlainText(MaxLength)]
    public string? Note { get; init; }

    /// <inheritdoc />
    public static NoteRequest Example { get; } = new() { Note = "ERP back after maintenance (INC-4711)." };
}
