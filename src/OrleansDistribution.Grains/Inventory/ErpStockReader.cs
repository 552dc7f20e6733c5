using Microsoft.Extensions.Options;
using OrleansDistribution.Domain.Inventory;
using OrleansDistribution.Grains.Workflow;
using OrleansDistribution.Integration.Ports;

namespace OrleansDistribution.Grains.Inventory;

/// <summary>
/// The ERP's stock snapshot as the grains read it: a page at a time, each call within the step timeout, and one SKU's
/// figure (read from just before the SKU, see <see cref="ErpCursor"/>).
/// </summary>
public sealed class ErpStockReader(IErpPort erp, IOptions<WorkflowOptions> workflow, IOptions<ErpStockOptions> options)
{
    private const int LookupPageSize = 16;
    private const int MaxLookupPages = 4;

    /// <summary>True for what a failing or refusing ERP throws (rather than a bug of ours).</summary>
    public static bool IsErpFailure(Exception exception) =>
        exception is DownstreamUnavailableException or DownstreamRejectedException or OperationCanceledException or TimeoutException;

    /// <summary>The page after <paramref name="after"/> (null: the first), of the configured page size.</summary>
    public Task<ErpStockPage> PageAsync(string? after, OutboundContext context, CancellationToken cancellationToken) =>
        PageAsync(after, options.Value.ErpRefreshPageSize, context, cancellationToken);

    /// <summary>The ERP's position of <paramref name="sku"/>, or null when the ERP does not book it.</summary>
    public async Task<ErpStockPosition?> PositionAsync(string sku, OutboundContext context, CancellationToken cancellationToken)
    {
        var after = ErpCursor.Before(sku);
        for (var pages = 0; pages < MaxLookupPages; pages++)
        {
            var page = await PageAsync(after, LookupPageSize, context, cancellationToken);
            foreach (var position in page.Positions)
            {
                var order = string.CompareOrdinal(position.Sku, sku);
                if (order >= 0)
                {
                    return order == 0 ? position : null;
                }
            }

            // Only SKUs longer than the hub accepts sort between the cursor and the SKU; keep reading past them.
            if (page.Next is not { } next)
            {
                return null;
            }

            after = next;
        }

        return null;
    }

    private async Task<ErpStockPage> PageAsync(string? after, int limit, OutboundContext context, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(workflow.Value.StepTimeout);
        return await erp.GetStockSnapshotAsync(after, limit, context, timeout.Token);
    }
}
