using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OrleansDistribution.Grains.Tests.Storage.GroupCommit;

/// <summary>Sums the measurements of one meter instance (not every meter of that name in the process), by instrument and tags.</summary>
public sealed class StorageMetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Instrument, string Tags, long Value)> _measurements = new();

    /// <summary>Starts listening to <paramref name="meter"/>'s instruments.</summary>
    public StorageMetricsRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of an instrument's measurements with exactly these tags ("" for none, else "key=value,...").</summary>
    public long Sum(string instrument, string tags = "") => _sums.GetValueOrDefault($"{instrument}|{tags}");

    /// <summary>Every value recorded by an instrument with these tags, in order.</summary>
    public IReadOnlyList<long> Values(string instrument, string tags = "") =>
        [.. _measurements.Where(m => m.Instrument == instrument && m.Tags == tags).Select(m => m.Value)];

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var tagText = string.Join(",", tags.ToArray().OrderBy(tag => tag.Key, StringComparer.Ordinal).Select(tag => $"{tag.Key}={tag.Value}"));
        _sums.AddOrUpdate($"{instrument.Name}|{tagText}", value, (_, sum) => sum + value);
        _measurements.Enqueue((instrument.Name, tagText, value));
    }
}
