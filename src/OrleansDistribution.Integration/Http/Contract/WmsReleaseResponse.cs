namespace OrleansDistribution.Integration.Http.Contract;

/// <summary>Answer to <c>POST /wms/releases</c>.</summary>
internal sealed record WmsReleaseResponse(string? ReleaseRef);
