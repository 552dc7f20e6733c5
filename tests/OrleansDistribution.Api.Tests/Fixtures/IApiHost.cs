namespace OrleansDistribution.Api.Tests.Fixtures;

/// <summary>A running API silo tests can talk to: in-process (ApiFixture) or a separate process (ApiProcess).</summary>
public interface IApiHost
{
    /// <summary>A client carrying the given API key (none when null).</summary>
    HttpClient ClientWithKey(string? apiKey);

    /// <summary>A client acting as the operator.</summary>
    HttpClient Operator() => ClientWithKey(ApiFixture.OperatorKey);
}
