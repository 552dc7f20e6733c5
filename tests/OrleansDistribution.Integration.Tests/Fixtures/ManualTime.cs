namespace OrleansDistribution.Integration.Tests.Fixtures;

/// <summary>A clock that stands still until a test moves it.</summary>
public sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    /// <summary>What <see cref="GetUtcNow"/> answers.</summary>
    public DateTimeOffset Now { get; set; } = now;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;
}
