using Throughput.Setup;

namespace Throughput.Load;

/// <summary>The generated order script on disk, the URL wrk connects to for it, and the fixture it was made for.</summary>
internal sealed record WrkOrderScript(string Path, Uri OrdersUri, Fixture Fixture);
