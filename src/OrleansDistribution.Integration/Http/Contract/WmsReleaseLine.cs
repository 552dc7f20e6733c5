namespace OrleansDistribution.Integration.Http.Contract;

/// <summary>One line of <see cref="WmsReleaseRequest"/>.</summary>
internal sealed record WmsReleaseLine(string Sku, int Quantity);
