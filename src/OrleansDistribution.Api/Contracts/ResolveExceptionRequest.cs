using OrleansDistribution.Abstractions.Exceptions;

namespace OrleansDistribution.Api.Contracts;

/// <summary>POST /v1/exceptions/{id}/resolve body.</summary>
public sealed record ResolveExceptionRequest(string? Action, string? Note)
{
    /// <summary>Checks shape and returns the parsed action.</summary>
    public Validation Validate(out ExceptionAction action)
    {
        var validation = new Validation();
        if (!Enum.TryParse(Action, ignoreCase: true, out action) || !Enum.IsDefined(action) || int.TryParse(Action, out _))
        {
            validation.Add("action", "Must be 'cancel', 'skip' or 'release'.");
        }

        validation.RequireText("note", Note, NoteRequest.MaxLength);

        return validation;
    }
}
