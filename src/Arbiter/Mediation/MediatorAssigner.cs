using System.Data.Common;
using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Events;
using Arbiter.Storage;

namespace Arbiter.Mediation;

/// <summary>
/// Gives each dispute that reaches mediation to a mediator, round robin by workload: the one with
/// the fewest disputes in mediation now, of those the one given a dispute longest ago, then by id.
/// An appeal goes to another mediator than the one who decided, where there is another. It reads
/// the dispute index rather than the events, so a dispute escalated while there was no mediator
/// (or before disputes were assigned) is given to one as soon as there is. Nodes may race: the
/// order's version lets one assignment through, and the other finds the dispute assigned.
/// </summary>
internal sealed class MediatorAssigner(Mediators mediators, OrderCommands commands, ILogger<MediatorAssigner> logger) : IOutboxConsumer
{
    private const int Batch = 100;

    public Task<Action<OutboxEvent, SqlBatch>> PrepareAsync(DbConnection connection, DbTransaction tx, DateTimeOffset now) =>
        Task.FromResult<Action<OutboxEvent, SqlBatch>>((_, _) => { });

    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var waiting = await mediators.AwaitingAsync(Batch, ct);
        if (waiting.Count == 0)
        {
            return 0;
        }

        var loads = (await mediators.LoadsAsync(ct)).ToList();
        if (loads.Count == 0)
        {
            return 0;
        }

        var assigned = 0;
        var latest = loads.Max(m => m.LastAssignedAt ?? 0);
        foreach (var (disputeId, orderId) in waiting)
        {
            string? chosen = null;
            var result = await commands.RunAsync<bool>(OrderId.Of(orderId), _ => true, (order, now) =>
            {
                if (order.Dispute(disputeId) is not { } dispute)
                {
                    return OrderCommands.NotFound;
                }

                chosen = Choose(loads, dispute.Escalation?.FirstDecider);
                return dispute.Assign(chosen, now).Done();
            }, ct: ct);
            if (result.Error is { } error)
            {
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    logger.LogDebug("Dispute {Dispute} was not assigned: {Reason}", disputeId, error.Message);
                }

                continue; // assigned elsewhere, or changed at that moment: the next pass looks again
            }

            var index = loads.FindIndex(m => m.Id == chosen);
            loads[index] = loads[index] with { Open = loads[index].Open + 1, LastAssignedAt = ++latest };
            assigned++;
        }

        return assigned;
    }

    /// <summary>The least busy mediator, the one given a dispute longest ago among equals; another than <paramref name="avoid"/> where there is one.</summary>
    public static string Choose(IReadOnlyList<MediatorLoad> loads, string? avoid)
    {
        var candidates = loads.Count > 1 ? loads.Where(m => m.Id != avoid) : loads;
        return candidates
            .OrderBy(m => m.Open)
            .ThenBy(m => m.LastAssignedAt ?? long.MinValue)
            .ThenBy(m => m.Id, StringComparer.Ordinal)
            .First().Id;
    }
}
