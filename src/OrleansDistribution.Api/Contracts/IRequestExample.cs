namespace OrleansDistribution.Api.Contracts;

/// <summary>
/// A request body type that carries an example of itself: the OpenAPI document shows it on the operation, and a test
/// sends every example to its endpoint, so no example can drift out of what the API accepts.
/// </summary>
public interface IRequestExample<out TSelf>
    where TSelf : IRequestExample<TSelf>
{
    /// <summary>A valid request a client may copy.</summary>
    static abstract TSelf Example { get; }
}
