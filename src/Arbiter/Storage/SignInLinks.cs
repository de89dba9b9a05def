using System.Data.Common;
using Dapper;

namespace Arbiter.Storage;

/// <summary>
/// One-time sign-in links: the platform mints one for an account it has signed in itself, and
/// hands its user over to Arbiter's web interface with it. Only the token's hash is stored; a
/// link works once, and not after it expires.
/// </summary>
internal sealed class SignInLinks(Database db)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <returns>The new link's token; it is not stored anywhere in clear.</returns>
    public async Task<string> MintAsync(string accountId, DateTimeOffset now, CancellationToken ct = default)
    {
        var token = AccountStore.NewToken("sl");
        await db.WriteAsync((connection, tx) => connection.ExecuteAsync(
            "INSERT INTO sign_in_links (token_hash, account_id, expires_at) VALUES (@hash, @accountId, @expiresAt)",
            new { hash = AccountStore.Hash(token), accountId, expiresAt = (now + Lifetime).ToUnixTimeMilliseconds() },
            tx), ct);
        return token;
    }

    /// <summary>Uses up every link of the account not used yet, inside the caller's transaction.</summary>
    public static Task RevokeAllAsync(DbConnection connection, DbTransaction tx, string accountId, DateTimeOffset now) => connection.ExecuteAsync(
        "UPDATE sign_in_links SET used_at = @now WHERE account_id = @accountId AND used_at IS NULL",
        new { accountId, now = now.ToUnixTimeMilliseconds() },
        tx);

    /// <summary>Uses a link up: the account it signs in, or null when it is unknown, used or expired.</summary>
    public Task<string?> RedeemAsync(string token, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((connection, tx) => connection.ExecuteScalarAsync<string?>(
            """
            UPDATE sign_in_links SET used_at = @now
            WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now
            RETURNING account_id
            """,
            new { hash = AccountStore.Hash(token), now = now.ToUnixTimeMilliseconds() },
            tx), ct);
}
