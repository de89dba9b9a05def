using System.Data.Common;
using Dapper;

namespace Arbiter.Storage;

/// <summary>
/// Work queued in a table (webhook deliveries, e-mail) that any node may do: rows with <c>id</c>,
/// <c>status</c>, <c>next_attempt_at</c> and <c>lease_until</c>. A node leases the rows due now
/// before working on them, so two nodes do not; a lease that runs out (a node died) frees the row.
/// </summary>
internal static class DueWork
{
    /// <summary>Leases up to <paramref name="limit"/> pending rows due by <paramref name="now"/>; returns their ids.</summary>
    /// <param name="eligible">More conditions on the row (alias <c>x</c>), e.g. that nothing before it waits.</param>
    /// <remarks>Re-checking the lease in the outer UPDATE lets PostgreSQL skip rows another node leased meanwhile.</remarks>
    public static async Task<IReadOnlyList<string>> LeaseAsync(
        DbConnection connection, DbTransaction tx, string table, string eligible, DateTimeOffset now, TimeSpan lease, int limit) =>
        [.. await connection.QueryAsync<string>(
            $"""
            UPDATE {table} SET lease_until = @until
            WHERE status = 'pending' AND (lease_until IS NULL OR lease_until <= @now) AND id IN (
                SELECT x.id FROM {table} x
                WHERE x.status = 'pending' AND x.next_attempt_at <= @now AND (x.lease_until IS NULL OR x.lease_until <= @now) {eligible}
                ORDER BY x.next_attempt_at, x.id LIMIT @limit)
            RETURNING id
            """,
            new { now = now.ToUnixTimeMilliseconds(), until = (now + lease).ToUnixTimeMilliseconds(), limit },
            tx)];

}

/// <summary>
/// How queued work is retried: <paramref name="First"/> after the first failure, doubling, at most
/// <paramref name="Longest"/> apart, and given up once the next try would fall more than
/// <paramref name="GiveUpAfter"/> after the work was queued.
/// </summary>
internal sealed record Retries(TimeSpan First, TimeSpan Longest, TimeSpan GiveUpAfter)
{
    /// <summary>When to try again after <paramref name="failures"/> failed attempts, and whether to give up instead.</summary>
    public (DateTimeOffset Next, bool GiveUp) After(int failures, DateTimeOffset now, DateTimeOffset queuedAt)
    {
        var next = now + TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks * (1L << Math.Min(failures - 1, 20))));
        return (next, next - queuedAt > GiveUpAfter);
    }
}
