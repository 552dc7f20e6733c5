namespace OrleansDistribution.Api.Contracts;

/// <summary>Optional body of POST /v1/exceptions/{id}/retry: why, for the timeline.</summary>
public sealed record NoteRequest(string? Note);
