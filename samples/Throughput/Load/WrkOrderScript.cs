using Throughput.Setup;

namespace Throughput.Load;

/// <summary>
/// A generated order script on disk, the URL wrk connects to for it, the fixture it was made for, and whether
/// it is the counting one (with <c>response()</c>) or the light, request-only one.
/// </summary>
internal sealed record WrkOrderScript(string Path, Uri OrdersUri, Fixture Fixture, bool Counting);
