namespace OrleansDistribution.Abstractions.Partners;

/// <summary>
/// What changed since a poller's last <see cref="Version"/>: the partners whose keys, standing or limits changed, or
/// <see cref="Reset"/> when the poller is too far behind (or the change log restarted) and must forget everything.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("PartnerChanges")]
public sealed record PartnerChanges(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<string> PartnerIds,
    [property: Id(3)] bool Reset);
