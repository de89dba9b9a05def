using Arbiter.Api;
using Arbiter.Domain.Orders;
using Arbiter.Storage;

namespace Arbiter.Application;

/// <summary>Refunds that failed every attempt, where mediators find them: the API's list and the queue page.</summary>
internal sealed class RefundsNeedingAttention(OrderStore store, OrderCommands commands)
{
    private const int Shown = 200;

    public async Task<IReadOnlyList<RefundView>> ListAsync(CancellationToken ct)
    {
        var orders = await commands.ReadManyAsync(await store.OrdersNeedingRefundAttentionAsync(Shown, ct), ct);
        return [.. orders.Values
            .SelectMany(order => order.Refunds.Where(r => r.NeedsAttention && r.Status == RefundStatus.Failed).Select(r => RefundView.Of(order, r)))
            .OrderBy(r => r.UpdatedAt)];
    }
}
