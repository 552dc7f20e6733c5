using OrleansDistribution.Abstractions.Events;

namespace OrleansDistribution.Abstractions.Webhooks;

/// <summary>The event types a webhook endpoint may subscribe to: those of a partner's feed. The names are part of the public contract.</summary>
public static class WebhookEventTypes
{
    /// <summary>One of the partner's orders moved to a new status (<see cref="Events.OrderStatusChanged"/>).</summary>
    public const string OrderStatusChanged = nameof(Events.OrderStatusChanged);

    /// <summary>What the partner may promise of a SKU moved (<see cref="Events.AvailabilityChanged"/>).</summary>
    public const string AvailabilityChanged = nameof(Events.AvailabilityChanged);

    /// <summary>Every subscribable type.</summary>
    public static IReadOnlyList<string> All { get; } = [OrderStatusChanged, AvailabilityChanged];

    /// <summary>The contract's spelling of <paramref name="name"/> (case-insensitive), or null when it names no subscribable type.</summary>
    public static string? Canonical(string name) => All.FirstOrDefault(type => type.Equals(name, StringComparison.OrdinalIgnoreCase));
}
