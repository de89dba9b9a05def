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
internal sealed class CallerDisputes(OrderCommands commands, OrderStore store, OrderLists lists, AccountStore accounts)
{
    /// <summary>The dispute and its order, as the clock stands now; null when there is none the caller may see.</summary>
    public async Task<(Order Order, Dispute Dispute)?> ReadAsync(Caller caller, string disputeId, CancellationToken ct)
    {
        var order = DisputeId.Parse(disputeId)?.OrderId is { } orderId ? await commands.ReadAsync(orderId, ct) : null;
        return order?.Dispute(disputeId) is { } dispute && caller.CanSee(order, dispute) ? (order, dispute) : null;
    }

    /// <summary>The disputes the caller may see, optionally of one status and assignee, earliest deadline first, read in one round trip.</summary>
    public async Task<IReadOnlyList<(Order Order, Dispute Dispute)>> ListAsync(Caller caller, DisputeStatus? status, AssigneeFilter assignee, int limit, int offset, CancellationToken ct)
    {
        var ids = await store.DisputeIdsAsync(
            caller.Role == Role.Buyer ? caller.AccountId : null,
            caller.Role == Role.Seller ? caller.AccountId : null,
            caller.Role == Role.Mediator,
            status?.ToString(),
            assignee,
            limit,
            offset,
            ct);
        return await VisibleAsync(caller, ids, d => status is null || d.Status == status, ct);
    }

    /// <summary>
    /// A page of the disputes the caller may see (a party's own, a mediator's escalated ones), of
    /// some statuses and a mediator's stage, matching a search, soonest deadline first.
    /// </summary>
    public async Task<ListPage<(Order Order, Dispute Dispute)>> PageAsync(
        Caller caller, IReadOnlyList<DisputeStatus> statuses, EscalationStatus? stage, AssigneeFilter assignee, string? search, string? after, int pageSize, CancellationToken ct)
    {
        var page = await lists.DisputesAsync(
            new DisputeListQuery(
                caller.Role == Role.Buyer ? caller.AccountId : null,
                caller.Role == Role.Seller ? caller.AccountId : null,
                caller.Role == Role.Mediator,
                statuses,
                stage,
                search,
                after,
                pageSize) { Assignee = assignee },
            ct);
        return new ListPage<(Order, Dispute)>(await VisibleAsync(caller, page.Items, d => statuses.Count == 0 || statuses.Contains(d.Status), ct), page.Next);
    }

    /// <summary>The disputes the index named, read with their orders in one round trip, of those the caller may see and still wants.</summary>
    private async Task<IReadOnlyList<(Order Order, Dispute Dispute)>> VisibleAsync(Caller caller, IReadOnlyList<(string Id, OrderId OrderId)> ids, Func<Dispute, bool> wanted, CancellationToken ct)
    {
        var orders = await commands.ReadManyAsync([.. ids.Select(d => d.OrderId).Distinct()], ct);
        var found = new List<(Order, Dispute)>();
        foreach (var (id, orderId) in ids)
        {
            if (orders.GetValueOrDefault(orderId) is { } order && order.Dispute(id) is { } dispute && caller.CanSee(order, dispute) && wanted(dispute))
            {
                found.Add((order, dispute));
            }
        }

        return found;
    }

    /// <summary>The account a hand-over names, as the actor it would be; null when there is none. The domain decides whether it may take the dispute.</summary>
    public async Task<Actor?> AssigneeAsync(string? accountId, CancellationToken ct)
    {
        // An id no account could have (one with a NUL, which PostgreSQL refuses even to compare) names nobody.
        var account = Ids.IsValid(accountId) ? await accounts.FindAsync(accountId!, ct) : null;
        // An erased account acts no more: it is nobody to hand a dispute to.
        return account is null || account.ErasedAt is not null ? null : new Actor(account.Role, account.Id);
    }

    /// <summary>Runs a command on the dispute, given its order and the instant (see <see cref="OrderCommands.RunAsync{T, TAnswer}"/>).</summary>
    public Task<CommandResult<T>> RunAsync<T>(Caller caller, string disputeId, Func<Order, Dispute, DateTimeOffset, Result<T>> command, CancellationToken ct) =>
        RunAsync(caller, disputeId, command, (value, _) => value, ct);

    /// <summary>Runs a command on the dispute and answers with what <paramref name="answer"/> makes of it and the saved order.</summary>
    public Task<CommandResult<TAnswer>> RunAsync<T, TAnswer>(
        Caller caller, string disputeId, Func<Order, Dispute, DateTimeOffset, Result<T>> command, Func<T, Order, TAnswer> answer, CancellationToken ct) =>
        DisputeId.Parse(disputeId)?.OrderId is not { } orderId
            ? Task.FromResult<CommandResult<TAnswer>>(OrderCommands.NotFound)
            : commands.RunAsync(
                orderId,
                order => order.Dispute(disputeId) is { } d && caller.CanSee(order, d),
                (order, now) => command(order, order.Dispute(disputeId)!, now),
                answer,
                ct: ct);
}
