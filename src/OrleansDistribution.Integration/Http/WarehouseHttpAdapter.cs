using Microsoft.Extensions.Logging;
using OrleansDistribution.Integration.Http.Contract;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Integration.Http;

/// <summary>
/// The WMS over HTTP (docs/integration-contract.md), as a typed HttpClient behind the "wms" resilience
/// pipeline. Every call makes at most <c>MaxRetryAttempts + 1</c> attempts within <c>TotalTimeout</c>
/// (defaults: 4 attempts within 10 seconds), and none while the circuit is open; see <see cref="DownstreamHttpOptions"/>.
/// </summary>
public sealed class WarehouseHttpAdapter : IWarehousePort
{
    private readonly DownstreamHttpInvoker _invoker;

    /// <summary>Created by IHttpClientFactory with the client configured for "Distribution:Wms".</summary>
    public WarehouseHttpAdapter(HttpClient client, ILogger<WarehouseHttpAdapter> logger)
    {
        _invoker = new DownstreamHttpInvoker(client, DownstreamSystem.Warehouse, logger);
    }

    /// <inheritdoc />
    public Task<string> ReleaseAsync(WarehouseRelease release, OutboundContext context, CancellationToken cancellationToken) =>
        _invoker.SendAsync(
            HttpMethod.Post,
            "wms/releases",
            new WmsReleaseRequest(release.OrderId, release.CustomerId, [.. release.Lines.Select(line => new WmsReleaseLine(line.Sku, line.Quantity))]),
            DownstreamOperation.WarehouseRelease,
            context,
            notFoundIsSuccess: false,
            async (response, call, token) =>
            {
                var answer = await _invoker.ReadJsonAsync<WmsReleaseResponse>(response, call, token);
                return answer.ReleaseRef is { Length: > 0 } reference
                    ? reference
                    : throw _invoker.MissingField(call, response, "releaseRef");
            },
            cancellationToken);

    /// <inheritdoc />
    public Task CancelReleaseAsync(string orderId, OutboundContext context, CancellationToken cancellationToken) =>
        _invoker.SendAsync(
            HttpMethod.Post,
            $"wms/releases/{Uri.EscapeDataString(orderId)}/cancel",
            body: null,
            DownstreamOperation.WarehouseCancel,
            context,
            notFoundIsSuccess: true,
            (_, _, _) => Task.FromResult(true),
            cancellationToken);
}
