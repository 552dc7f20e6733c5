namespace OrleansDistribution.Integration.Http.Contract;

/// <summary>Body of <c>POST /wms/releases</c> (docs/integration-contract.md).</summary>
internal sealed record WmsReleaseRequest(string OrderId, string CustomerId, IReadOnlyList<WmsReleaseLine> Lines);
