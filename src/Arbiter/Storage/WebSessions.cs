using System.Data.Common;
using Dapper;

namespace Arbiter.Storage;

/// <summary>
/// Web sessions as server-side records: a session cookie names one (by a random id whose hash is
/// stored), and is honoured only while its record is live, so signing out ends it everywhere,
/// also in a copy of the cookie taken before.
/// </summary>
internal sealed class WebSessions(Database db, TimeProvider clock)
{
    public async Task<string> StartAsync(string accountId, CancellationToken ct = default)
    {
        var id = AccountStore.NewToken("ws");
        await db.WriteAsync((connection, tx) => connection.ExecuteAsync(
            "INSERT INTO web_sessions (id_hash, account_id, created_at, ended_at) VALUES (@hash, @accountId, @now, NULL)",
            new { hash = AccountStore.Hash(id), accountId, now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            tx), ct);
        return id;
    }

    /// <summary>Whether the session is live and belongs to the account.</summary>
    public async Task<bool> IsLiveAsync(string id, string accountId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM web_sessions WHERE id_hash = @hash AND account_id = @accountId AND ended_at IS NULL",
            new { hash = AccountStore.Hash(id), accountId }) == 1;
    }

    /// <summary>Ends every live session of the account, inside the caller's transaction.</summary>
    public static Task EndAllAsync(DbConnection connection, DbTransaction tx, string accountId, DateTimeOffset now) => connection.ExecuteAsync(
        "UPDATE web_sessions SET ended_at = @now WHERE account_id = @accountId AND ended_at IS NULL",
        new { accountId, now = now.ToUnixTimeMilliseconds() },
        tx);

    public Task EndAsync(string id, CancellationToken ct = default) => db.WriteAsync((connection, tx) => connection.ExecuteAsync(
        "UPDATE web_sessions SET ended_at = @now WHERE id_hash = @hash AND ended_at IS NULL",
        new { hash = AccountStore.Hash(id), now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
        tx), ct);
}
