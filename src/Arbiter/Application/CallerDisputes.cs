using Arbiter.Api;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Storage;

namespace Arbiter.Application;

/// <summary>
/// Disputes as one caller reaches them, for the API and the web pages alike: by id (the id names
/// its order), as a list, and to act on. A dispute the caller may not see is not found.
/// </summary>
internal sealed class CallerDisputes(OrderCommands commands, OrderStore store)
{
    /// <summary>The dispute and its order, as the clock stands now; null when there is none the caller may see.</summary>
    public async Task<(Order Order, Dispute Dispute)?> ReadAsync(Caller caller, string disputeId, CancellationToken ct)
    {
        var order = DisputeId.Parse(disputeId)?.OrderId is { } orderId ? await commands.ReadAsync(orderId, ct) : null;
        return order?.Dispute(disputeId) is { } dispute && caller.CanSee(order, dispute) ? (order, dispute) : null;
    }

    /// <summary>The disputes the caller may see, optionally of one status, earliest deadline first, read in one round trip.</summary>
    public async Task<IReadOnlyList<(Order Order, Dispute Dispute)>> ListAsync(Caller caller, DisputeStatus? status, int limit, int offset, CancellationToken ct)
    {
        var ids = await store.DisputeIdsAsync(
            caller.Role == Role.Buyer ? caller.AccountId : null,
            caller.Role == Role.Seller ? caller.AccountId : null,
            caller.Role == Role.Mediator,
            status?.ToString(),
            limit,
            offset,
            ct);
        var orders = await commands.ReadManyAsync([.. ids.Select(d => d.OrderId).Distinct()], ct);
        var found = new List<(Order, Dispute)>();
        foreach (var (id, orderId) in ids)
        {
            if (orders.GetValueOrDefault(orderId) is { } order && order.Dispute(id) is { } dispute && caller.CanSee(order, dispute) && (status is null || dispute.Status == status))
            {
                found.Add((order, dispute));
            }
        }

        return found;
    }

    /// <summary>Runs a command on the dispute, given its order and the instant (see <see cref="OrderCommands.RunAsync{T}"/>).</summary>
    public Task<CommandResult<T>> RunAsync<T>(Caller caller, string disputeId, Func<Order, Dispute, DateTimeOffset, Result<T>> command, CancellationToken ct) =>
        DisputeId.Parse(disputeId)?.OrderId is not { } orderId
            ? Task.FromResult<CommandResult<T>>(OrderCommands.NotFound)
            : commands.RunAsync(
                orderId,
                order => order.Dispute(disputeId) is { } d && caller.CanSee(order, d),
                (order, now) => command(order, order.Dispute(disputeId)!, now),
                ct: ct);
}
