using Arbiter.Api;
using Arbiter.Domain.Orders;
using Arbiter.Storage;

namespace Arbiter.Application;

/// <summary>
/// What waits for a mediator besides disputes, where mediators find it (the API's lists and the
/// queue page): refunds that failed every attempt, and chargebacks that pay what a sent refund pays too.
/// </summary>
internal sealed class NeedingAttention(OrderStore store, OrderCommands commands)
{
    private const int Shown = 200;

    public async Task<IReadOnlyList<RefundView>> RefundsAsync(CancellationToken ct)
    {
        var orders = await commands.ReadManyAsync(await store.OrdersNeedingRefundAttentionAsync(Shown, ct), ct);
        return [.. orders.Values
            .SelectMany(order => order.Refunds.Where(r => r.NeedsAttention && r.Status == RefundStatus.Failed).Select(r => RefundView.Of(order, r)))
            .OrderBy(r => r.UpdatedAt)];
    }

    public async Task<IReadOnlyList<ChargebackView>> ChargebacksAsync(CancellationToken ct)
    {
        var orders = await commands.ReadManyAsync(await store.OrdersNeedingChargebackAttentionAsync(Shown, ct), ct);
        return [.. orders.Values
            .SelectMany(order => order.Chargebacks.Where(c => c.NeedsAttention).Select(c => ChargebackView.Of(order, c)))
            .OrderBy(c => c.CreatedAt)];
    }
}
