using System.Data.Common;
using System.Text;
using System.Text.Json;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Storage;
using Dapper;

namespace Arbiter.Privacy;

/// <summary>How an account's erasure stands: <c>in_progress</c> (its orders are being erased, a batch at a time) or <c>completed</c>.</summary>
internal enum ErasureStatus
{
    InProgress,
    Completed,
}

/// <summary>An account's erasure: when it was asked for, how many of its orders were erased so far, and when it was done.</summary>
internal sealed record AccountErasure(string AccountId, ErasureStatus Status, DateTimeOffset RequestedAt, long OrdersErased, DateTimeOffset? CompletedAt);

/// <summary>
/// Forgetting an account on request, once nothing of theirs is open. At once, in one transaction:
/// its name, e-mail and settings go, its token, web sessions and sign-in links stop working, and
/// stored responses that mention it are withdrawn. Then its orders' words are erased in batches of
/// a few orders, each its own short transaction, picked up by any node (see <see cref="RunDueAsync"/>);
/// an order that is somehow open again waits until it finishes. A mediator's own words stay: they are
/// the platform's reasons for moving money.
/// </summary>
internal sealed class Erasures(Database db, OrderStore store, TimeProvider clock)
{
    private const int OrdersPerBatch = 50;

    /// <summary>How long an erasure that found an order of the account's open waits before it looks again.</summary>
    private static readonly TimeSpan WaitForOpen = TimeSpan.FromHours(1);

    /// <summary>How many batches a request erases before it answers; the rest goes on in the background.</summary>
    public int BatchesWhileAsked { get; init; } = 10;

    /// <summary>Erases the account, or says what of theirs is still open.</summary>
    public async Task<Result<AccountErasure>> RequestAsync(Account account, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (account.ErasedAt is null)
        {
            if (await OpenOrderAsync(account, now, ct) is { } open)
            {
                return DomainError.Conflict(ErrorCode.AccountHasOpenDisputes, $"Account {account.Id} still has something open on order {open}; it can be erased once that has finished.");
            }

            await db.WriteAsync(async (connection, tx) =>
            {
                await AccountStore.EraseAsync(connection, tx, account.Id, now);
                await connection.ExecuteAsync(
                    """
                    INSERT INTO erasures (account_id, requested_at, after_at, after_id, orders_erased, next_at, completed_at)
                    VALUES (@Id, @now, @start, '', 0, @now, NULL) ON CONFLICT (account_id) DO NOTHING
                    """,
                    new { account.Id, now = now.ToUnixTimeMilliseconds(), start = long.MinValue },
                    tx);
                await WithdrawStoredResponsesAsync(connection, tx, account.Id);
                return 0;
            }, ct);
        }

        for (var batch = 0; batch < BatchesWhileAsked && await RunBatchAsync(account.Id, ct); batch++)
        {
        }

        return (await FindAsync(account.Id, ct))!;
    }

    /// <summary>An account's erasure, if one was asked for.</summary>
    public async Task<AccountErasure?> FindAsync(string accountId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string AccountId, long RequestedAt, long OrdersErased, long? CompletedAt)>(
            "SELECT account_id, requested_at, orders_erased, completed_at FROM erasures WHERE account_id = @accountId", new { accountId });
        return row.AccountId is null
            ? null
            : new AccountErasure(
                row.AccountId,
                row.CompletedAt is null ? ErasureStatus.InProgress : ErasureStatus.Completed,
                DateTimeOffset.FromUnixTimeMilliseconds(row.RequestedAt),
                row.OrdersErased,
                row.CompletedAt is { } completedAt ? DateTimeOffset.FromUnixTimeMilliseconds(completedAt) : null);
    }

    /// <summary>Goes on with every erasure under way, batch after batch; returns how many batches it ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        IReadOnlyList<string> pending;
        await using (var connection = await db.OpenAsync(ct))
        {
            pending = [.. await connection.QueryAsync<string>(
                "SELECT account_id FROM erasures WHERE completed_at IS NULL AND next_at <= @now ORDER BY next_at LIMIT 100", new { now = clock.GetUtcNow().ToUnixTimeMilliseconds() })];
        }

        var batches = 0;
        foreach (var accountId in pending)
        {
            while (await RunBatchAsync(accountId, ct))
            {
                batches++;
            }
        }

        return batches;
    }

    /// <summary>
    /// Erases the next few of the account's orders, in the account's erasure's own order (by when each
    /// changed last, which erasing keeps); at the end, completes the erasure, or, when an order of
    /// theirs is open (made as the erasure was asked for), starts over an hour later.
    /// </summary>
    /// <returns>Whether there is more to do now.</returns>
    private Task<bool> RunBatchAsync(string accountId, CancellationToken ct) => db.WriteAsync(async (connection, tx) =>
    {
        var now = clock.GetUtcNow();
        var cursor = await connection.QuerySingleOrDefaultAsync<(string AccountId, long AfterAt, string AfterId, long NextAt, long? CompletedAt, string Role)>(
            $"""
            SELECT e.account_id, e.after_at, e.after_id, e.next_at, e.completed_at, a.role FROM erasures e JOIN accounts a ON a.id = e.account_id
            WHERE e.account_id = @accountId{db.LockWaiting}
            """,
            new { accountId },
            tx);
        if (cursor.AccountId is null || cursor.CompletedAt is not null || cursor.NextAt > now.ToUnixTimeMilliseconds())
        {
            return false;
        }

        var role = Enum.Parse<Role>(cursor.Role);
        var column = PartyColumn(role);
        var page = column is null
            ? []
            : (await connection.QueryAsync<(string Id, long UpdatedAt)>(
                $"""
                SELECT id, updated_at FROM orders WHERE {column} = @accountId AND (updated_at > @AfterAt OR (updated_at = @AfterAt AND id > @AfterId))
                ORDER BY updated_at, id LIMIT {OrdersPerBatch}
                """,
                new { accountId, cursor.AfterAt, cursor.AfterId },
                tx)).ToList();
        if (page.Count == 0)
        {
            var waiting = column is not null
                && await connection.ExecuteScalarAsync<string?>(OpenOrderSql(column), new { accountId, now = now.ToUnixTimeMilliseconds() }, tx) is not null;
            await connection.ExecuteAsync(
                waiting
                    ? "UPDATE erasures SET after_at = @start, after_id = '', next_at = @later WHERE account_id = @accountId"
                    : "UPDATE erasures SET completed_at = @now WHERE account_id = @accountId",
                new { accountId, start = long.MinValue, now = now.ToUnixTimeMilliseconds(), later = (now + WaitForOpen).ToUnixTimeMilliseconds() },
                tx);
            return false;
        }

        var erased = await WordsEraser.EraseAsync(connection, tx, store, [.. page.Select(p => new OrderToErase(p.Id, p.UpdatedAt))], [role == Role.Buyer ? Party.Buyer : Party.Seller], now);
        await connection.ExecuteAsync(
            "UPDATE erasures SET after_at = @AfterAt, after_id = @AfterId, orders_erased = orders_erased + @erased WHERE account_id = @accountId",
            new { accountId, AfterAt = page[^1].UpdatedAt, AfterId = page[^1].Id, erased },
            tx);
        return true;
    }, ct);

    /// <summary>An order of the account's that is not finished, or, for a mediator, one in mediation with them.</summary>
    private async Task<string?> OpenOrderAsync(Account account, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var sql = PartyColumn(account.Role) is { } column ? OpenOrderSql(column) : "SELECT order_id FROM disputes WHERE assignee = @accountId AND status = 'Escalated' LIMIT 1";
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(sql, new { accountId = account.Id, now = now.ToUnixTimeMilliseconds() }, cancellationToken: ct));
    }

    /// <summary>The orders column that names an account of <paramref name="role"/> as a party; none for a mediator.</summary>
    private static string? PartyColumn(Role role) => role switch
    {
        Role.Buyer => "buyer_id",
        Role.Seller => "seller_id",
        _ => null,
    };

    /// <summary>The first of the party's orders (by <c>@accountId</c>) that is not finished by <c>@now</c>.</summary>
    private static string OpenOrderSql(string column) => $"SELECT id FROM orders WHERE {column} = @accountId AND (finished_at IS NULL OR finished_at > @now) LIMIT 1";

    /// <summary>
    /// Stored answers to idempotent requests (kept a day for replays) that came from the account or
    /// mention it, and so may quote its words, are replaced by a 410: a replay still runs nothing twice.
    /// </summary>
    private async Task WithdrawStoredResponsesAsync(DbConnection connection, DbTransaction tx, string accountId)
    {
        var problem = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "https://arbiter.dev/problems/response-withdrawn",
            title = "Gone",
            status = StatusCodes.Status410Gone,
            detail = "The stored response was withdrawn: it mentioned an account that was erased. The request was not run again.",
            code = Words.Of(ErrorCode.ResponseWithdrawn),
        });
        await connection.ExecuteAsync(
            $"""
            UPDATE idempotency SET status_code = 410, content_type = 'application/problem+json', body = @problem, withheld = NULL
            WHERE status_code <> 0 AND (caller = @accountId OR {db.BytesContain("body", "mention")})
            """,
            new { accountId, problem, mention = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(accountId)) },
            tx);
    }
}
