namespace OrleansDistribution.Api.Contracts;

/// <summary>Optional body of POST /v1/exceptions/{id}/retry: why, for the timeline.</summary>
public sealed record NoteRequest(string? Note)
{
    /// <summary>Longest note an operator may leave on a timeline (retry and resolve alike).</summary>
    public const int MaxLength = 500;

    /// <summary>Checks the note: bounded, readable text.</summary>
    public Validation Validate()
    {
        var validation = new Validation();
        validation.RequireText("note", Note, MaxLength);
        return validation;
    }
}
