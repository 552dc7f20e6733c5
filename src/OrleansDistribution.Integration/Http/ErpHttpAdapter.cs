using Microsoft.Extensions.Logging;
using OrleansDistribution.Integration.Http.Contract;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Integration.Http;

/// <summary>
/// The ERP over HTTP (docs/integration-contract.md), as a typed HttpClient behind the "erp" resilience
/// pipeline. Every call makes at most <c>MaxRetryAttempts + 1</c> attempts within <c>TotalTimeout</c>
/// (defaults: 4 attempts within 10 seconds), and none while the circuit is open; see <see cref="DownstreamHttpOptions"/>.
/// </summary>
public sealed class ErpHttpAdapter : IErpPort
{
    private readonly DownstreamHttpInvoker _invoker;

    /// <summary>Created by IHttpClientFactory with the client configured for "Distribution:Erp".</summary>
    public ErpHttpAdapter(HttpClient client, ILogger<ErpHttpAdapter> logger)
    {
        _invoker = new DownstreamHttpInvoker(client, DownstreamSystem.Erp, logger);
    }

    /// <inheritdoc />
    public Task<CustomerStanding> CheckCustomerAsync(string partnerId, string customerId, OutboundContext context, CancellationToken cancellationToken) =>
        _invoker.SendAsync(
            HttpMethod.Get,
            $"erp/customers/{Uri.EscapeDataString(customerId)}?partnerId={Uri.EscapeDataString(partnerId)}",
            body: null,
            DownstreamOperation.CustomerCheck,
            context,
            notFoundIsSuccess: false,
            async (response, call, token) =>
            {
                var answer = await _invoker.ReadJsonAsync<ErpCustomerResponse>(response, call, token);
                return answer.Active is { } active
                    ? new CustomerStanding(active, answer.Reason)
                    : throw _invoker.MissingField(call, response, "active");
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<string> CommitOrderAsync(ErpOrder order, OutboundContext context, CancellationToken cancellationToken) =>
        _invoker.SendAsync(
            HttpMethod.Post,
            "erp/orders",
            new ErpCommitRequest(order.OrderId, order.PartnerId, order.CustomerId, order.ChannelOrderRef, order.PriceListVersion,
                order.Currency, order.Total, [.. order.Lines.Select(line => new ErpCommitLine(line.Sku, line.Quantity, line.UnitPrice))]),
            DownstreamOperation.ErpCommit,
            context,
            notFoundIsSuccess: false,
            async (response, call, token) =>
            {
                var answer = await _invoker.ReadJsonAsync<ErpCommitResponse>(response, call, token);
                return answer.ErpOrderRef is { Length: > 0 } reference
                    ? reference
                    : throw _invoker.MissingField(call, response, "erpOrderRef");
            },
            cancellationToken);

    /// <inheritdoc />
    public Task CancelOrderAsync(string orderId, OutboundContext context, CancellationToken cancellationToken) =>
        _invoker.SendAsync(
            HttpMethod.Post,
            $"erp/orders/{Uri.EscapeDataString(orderId)}/cancel",
            body: null,
            DownstreamOperation.ErpCancel,
            context,
            notFoundIsSuccess: true,
            (_, _, _) => Task.FromResult(true),
            cancellationToken);
}
