namespace Throughput.Load;

/// <summary>The generated order script on disk and the URL wrk connects to for it.</summary>
internal sealed record WrkOrderScript(string Path, Uri OrdersUri);
