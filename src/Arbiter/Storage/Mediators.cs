using Dapper;

namespace Arbiter.Storage;

/// <summary>A mediator and their workload: the disputes in mediation assigned to them now, and when they were last given one.</summary>
internal sealed record MediatorLoad(string Id, string DisplayName, long Open, long? LastAssignedAt);

/// <summary>The mediators and the disputes waiting for one, as the assigner and the hand-over form read them.</summary>
internal sealed class Mediators(Database db)
{
    /// <summary>Every mediator's account with their workload, by name.</summary>
    public async Task<IReadOnlyList<MediatorLoad>> LoadsAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<LoadRow>(new CommandDefinition(
            """
            SELECT a.id AS Id, a.display_name AS DisplayName,
                   (SELECT COUNT(*) FROM disputes d WHERE d.assignee = a.id AND d.status = 'Escalated') AS Open,
                   (SELECT MAX(d.assigned_at) FROM disputes d WHERE d.assignee = a.id) AS LastAssignedAt
            FROM accounts a WHERE a.role = 'Mediator' AND a.erased_at IS NULL ORDER BY a.display_name, a.id
            """,
            cancellationToken: ct));
        return [.. rows.Select(r => new MediatorLoad(r.Id, r.DisplayName, r.Open, r.LastAssignedAt))];
    }

    /// <summary>Disputes in mediation that nobody is assigned to, soonest deadline first.</summary>
    public async Task<IReadOnlyList<(string Id, string OrderId)>> AwaitingAsync(int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return [.. await connection.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT id, order_id FROM disputes WHERE status = 'Escalated' AND assignee IS NULL ORDER BY due_at LIMIT @limit",
            new { limit },
            cancellationToken: ct))];
    }

    /// <summary>A row as the database gives it: a count and a maximum whose types differ by backend.</summary>
    private sealed class LoadRow
    {
        public string Id { get; init; } = "";

        public string DisplayName { get; init; } = "";

        public long Open { get; init; }

        public long? LastAssignedAt { get; init; }
    }
}
