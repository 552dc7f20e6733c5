using System.Globalization;
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

    /// <inheritdoc />
    public Task<ErpStockPage> GetStockSnapshotAsync(string? after, int limit, OutboundContext context, CancellationToken cancellationToken) =>
        _invoker.SendAsync(
            HttpMethod.Get,
            after is null
                ? $"erp/stock?limit={limit.ToString(CultureInfo.InvariantCulture)}"
                : $"erp/stock?after={Uri.EscapeDataString(after)}&limit={limit.ToString(CultureInfo.InvariantCulture)}",
            body: null,
            DownstreamOperation.StockSnapshot,
            context,
            notFoundIsSuccess: false,
            async (response, call, token) => StockPageOf(await _invoker.ReadJsonAsync<ErpStockResponse>(response, call, token), after, limit, response, call),
            cancellationToken);

    /// <summary>
    /// The port's page from the contract's; a page that is incomplete, out of SKU order, not after the cursor, longer
    /// than asked or whose <c>next</c> is not its last SKU breaks the paging (a caller following it could loop or skip
    /// SKUs), so it is a fault of the ERP like a missing field, never a page.
    /// </summary>
    private ErpStockPage StockPageOf(ErpStockResponse answer, string? after, int limit, HttpResponseMessage response, OutboundCall call)
    {
        if (answer.Positions is not { } lines)
        {
            throw _invoker.MissingField(call, response, "positions");
        }

        if (lines.Count > limit)
        {
            throw _invoker.InvalidField(call, response, "positions", $"{lines.Count} positions for a limit of {limit}");
        }

        var positions = new ErpStockPosition[lines.Count];
        var previous = after;
        for (var i = 0; i < lines.Count; i++)
        {
            var field = $"positions[{i}]";
            var line = lines[i] ?? throw _invoker.MissingField(call, response, field);
            var sku = line.Sku is { Length: > 0 } value ? value : throw _invoker.MissingField(call, response, $"{field}.sku");
            var onHand = line.OnHand ?? throw _invoker.MissingField(call, response, $"{field}.onHand");
            var sequence = line.ErpSequence ?? throw _invoker.MissingField(call, response, $"{field}.erpSequence");
            var asOf = line.AsOf ?? throw _invoker.MissingField(call, response, $"{field}.asOf");
            if (previous is not null && string.CompareOrdinal(sku, previous) <= 0)
            {
                throw _invoker.InvalidField(call, response, $"{field}.sku", $"'{sku}' is not after '{previous}' in ordinal order");
            }

            if (onHand < 0)
            {
                throw _invoker.InvalidField(call, response, $"{field}.onHand", $"{onHand} is negative");
            }

            if (sequence < 0)
            {
                throw _invoker.InvalidField(call, response, $"{field}.erpSequence", $"{sequence} is negative");
            }

            positions[i] = new ErpStockPosition(sku, onHand, sequence, asOf);
            previous = sku;
        }

        if (answer.Next is { } next && (positions.Length == 0 || !string.Equals(next, positions[^1].Sku, StringComparison.Ordinal)))
        {
            throw _invoker.InvalidField(call, response, "next", positions.Length == 0
                ? $"'{next}' on a page without positions"
                : $"'{next}' is not the page's last SKU '{positions[^1].Sku}'");
        }

        return new ErpStockPage(positions, answer.Next);
    }
}
