using System.ComponentModel.DataAnnotations;
using OrleansDistribution.Abstractions.Exceptions;
using OrleansDistribution.Api.Contracts.Validation;

namespace OrleansDistribution.Api.Contracts;

/// <summary>POST /v1/exceptions/{id}/resolve body.</summary>
public sealed record ResolveExceptionRequest : IRequestExample<ResolveExceptionRequest>
{
    /// <summary>Cancel the order, Skip the step (done by hand), or Release the hold and run the step again.</summary>
    [Required, OneOf(typeof(ExceptionAction))]
    public string Action { get; init; } = "";

    /// <summary>Why; shown on the order's timeline.</summary>
    [PlainText(NoteRequest.MaxLength)]
    public string? Note { get; init; }

    /// <inheritdoc />
    public static ResolveExceptionRequest Example { get; } = new() { Action = nameof(ExceptionAction.Skip), Note = "Entered in the ERP by hand." };
}
