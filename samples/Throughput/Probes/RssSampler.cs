namespace Throughput.Probes;

/// <summary>Samples the API's RSS every second in the background: start, peak and the latest value.</summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly ProcessProbe _probe;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly Task _loop;

    /// <summary>Takes the first sample and starts sampling.</summary>
    public RssSampler(ProcessProbe probe)
    {
        _probe = probe;
        StartBytes = probe.Sample()?.RssBytes ?? 0;
        PeakBytes = StartBytes;
        LatestBytes = StartBytes;
        _loop = SampleAsync();
    }

    /// <summary>RSS when sampling began.</summary>
    public long StartBytes { get; }

    /// <summary>Largest RSS seen.</summary>
    public long PeakBytes { get; private set; }

    /// <summary>Most recent RSS.</summary>
    public long LatestBytes { get; private set; }

    /// <summary>Takes one more sample now (so "end" is the value at the end, not up to a second old).</summary>
    public long SampleNow()
    {
        if (_probe.Sample() is { } sample)
        {
            Record(sample.RssBytes);
        }

        return LatestBytes;
    }

    /// <summary>Stops sampling.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            SampleNow();
        }
    }

    private void Record(long bytes)
    {
        lock (_lock)
        {
            LatestBytes = bytes;
            PeakBytes = Math.Max(PeakBytes, bytes);
        }
    }
}
