using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Arbiter.Domain.Common;
using Dapper;
using Microsoft.Extensions.Caching.Memory;

namespace Arbiter.Storage;

internal sealed record Account(string Id, Role Role, string DisplayName, string? Email, string? Region = null)
{
    /// <summary>When the account was erased on request: its name and e-mail are gone, and it can no longer sign in.</summary>
    public DateTimeOffset? ErasedAt { get; init; }
}

/// <summary>What an account chose: reminder e-mails, its language, its time zone (null: its browser's, last seen as <paramref name="DeviceTimeZone"/>).</summary>
internal sealed record AccountSettings(bool Reminders, string? Language, string? TimeZone, string? DeviceTimeZone);

/// <summary>An order's party as its account says: the role, the region whose holidays it keeps, and whether it was erased.</summary>
internal sealed record OrderParty(Role Role, string? Region, bool Erased);

/// <summary>Accounts and the platform key. Secrets are stored only as SHA-256 hashes.</summary>
internal sealed class AccountStore(Database db) : IDisposable
{
    private const string PlatformKeySetting = "platform_key_hash";

    /// <summary>The accounts a busy marketplace's new orders name within a few minutes.</summary>
    private const int KnownPartiesCapacity = 100_000;

    private static readonly MemoryCacheEntryOptions KnownParty = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };

    /// <summary>Parties of new orders as last read, none erased: a new order then costs no round trip to check them.</summary>
    private readonly MemoryCache _knownParties = new(new MemoryCacheOptions { SizeLimit = KnownPartiesCapacity });

    public static string NewToken(string prefix) => $"{prefix}_{Tokens.New(32)}";

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Creates an account with the given token; false when the id is taken.</summary>
    public Task<bool> CreateAsync(Account account, string token, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(async (connection, tx) => await connection.ExecuteAsync(
            """
            INSERT INTO accounts (id, role, display_name, email, region, token_hash, created_at)
            VALUES (@Id, @Role, @DisplayName, @Email, @Region, @TokenHash, @At) ON CONFLICT (id) DO NOTHING
            """,
            new { account.Id, Role = account.Role.ToString(), account.DisplayName, account.Email, account.Region, TokenHash = Hash(token), At = now.ToUnixTimeMilliseconds() },
            tx) == 1, ct);

    /// <summary>Gives the account a new token; in the same transaction the old one, the account's web sessions and its unused sign-in links stop working.</summary>
    /// <returns>Whether the account exists.</returns>
    public Task<bool> ReplaceTokenAsync(string accountId, string token, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync(async (connection, tx) =>
        {
            if (await connection.ExecuteAsync("UPDATE accounts SET token_hash = @hash WHERE id = @accountId", new { accountId, hash = Hash(token) }, tx) == 0)
            {
                return false;
            }

            await WebSessions.EndAllAsync(connection, tx, accountId, now);
            await SignInLinks.RevokeAllAsync(connection, tx, accountId, now);
            return true;
        }, ct);

    public Task<Account?> FindByTokenAsync(string token, CancellationToken ct = default) => FindWhereAsync("token_hash", Hash(token), ct);

    public Task<Account?> FindAsync(string id, CancellationToken ct = default) => FindWhereAsync("id", id, ct);

    /// <summary>Turns an account's reminder e-mails on or off; false when there is no such account.</summary>
    public Task<bool> SetRemindersAsync(string accountId, bool wanted, CancellationToken ct = default) =>
        db.WriteAsync(async (connection, tx) => await connection.ExecuteAsync(
            "UPDATE accounts SET reminders_off = @off WHERE id = @accountId", new { accountId, off = wanted ? 0 : 1 }, tx) == 1, ct);

    /// <summary>Whether an account wants reminder e-mails.</summary>
    public async Task<bool> WantsRemindersAsync(string accountId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>("SELECT reminders_off FROM accounts WHERE id = @accountId", new { accountId }) == 0;
    }

    /// <summary>An account's settings: reminders, and the language and time zone it reads in.</summary>
    public async Task<AccountSettings?> SettingsAsync(string accountId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string Id, long RemindersOff, string? Language, string? TimeZone, string? DeviceTimeZone)>(
            "SELECT id, reminders_off, language, time_zone, device_time_zone FROM accounts WHERE id = @accountId", new { accountId });
        return row.Id is null ? null : new AccountSettings(row.RemindersOff == 0, row.Language, row.TimeZone, row.DeviceTimeZone);
    }

    /// <summary>Saves the language and time zone an account chose (a null zone follows its browser); false when there is no such account.</summary>
    public Task<bool> SetReadingAsync(string accountId, string language, string? timeZone, CancellationToken ct = default) =>
        db.WriteAsync(async (connection, tx) => await connection.ExecuteAsync(
            "UPDATE accounts SET language = @language, time_zone = @timeZone WHERE id = @accountId", new { accountId, language, timeZone }, tx) == 1, ct);

    /// <summary>Saves the language an account chose with the pages' switch, keeping its time zone.</summary>
    public Task<bool> SetLanguageAsync(string accountId, string language, CancellationToken ct = default) =>
        db.WriteAsync(async (connection, tx) => await connection.ExecuteAsync(
            "UPDATE accounts SET language = @language WHERE id = @accountId", new { accountId, language }, tx) == 1, ct);

    /// <summary>
    /// At sign-in, what the browser says (its language and time zone) is noted beside what the account
    /// chose: e-mail goes out in it until the account chooses, so that people read their mail as they
    /// read their pages; another browser of the account still reads in its own.
    /// </summary>
    public Task NoteBrowserAsync(string accountId, string language, string? deviceTimeZone, CancellationToken ct = default) =>
        db.WriteAsync(async (connection, tx) => await connection.ExecuteAsync(
            """
            UPDATE accounts SET browser_language = @language, device_time_zone = COALESCE(@deviceTimeZone, device_time_zone)
            WHERE id = @accountId
            """,
            new { accountId, language, deviceTimeZone }, tx), ct);

    /// <summary>
    /// Forgets the account's person inside the caller's transaction: its name, e-mail, region and
    /// reading settings; its token, web sessions and sign-in links stop working. The id and role stay,
    /// for the orders and books that name it.
    /// </summary>
    public static async Task EraseAsync(DbConnection connection, DbTransaction tx, string accountId, DateTimeOffset now)
    {
        await connection.ExecuteAsync(
            """
            UPDATE accounts SET display_name = '', email = NULL, region = NULL, language = NULL, browser_language = NULL, time_zone = NULL, device_time_zone = NULL,
                token_hash = @tokenHash, erased_at = @now
            WHERE id = @accountId
            """,
            // A hash no token has: SHA-256 hashes are hex, this is not.
            new { accountId, tokenHash = $"erased:{accountId}", now = now.ToUnixTimeMilliseconds() },
            tx);
        await WebSessions.EndAllAsync(connection, tx, accountId, now);
        await SignInLinks.RevokeAllAsync(connection, tx, accountId, now);
    }

    /// <summary>The display names of those of <paramref name="ids"/> that exist; an erased account's is empty.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Id, string DisplayName)>($"SELECT id, display_name FROM accounts WHERE {db.InList("id", "ids")}", new { ids = ids.ToArray() });
        return rows.ToDictionary(r => r.Id, r => r.DisplayName, StringComparer.Ordinal);
    }

    /// <summary>
    /// An order's two parties, of those that exist: as this node last read them when it knows both
    /// (an account's role and region never change, and erasure, the one change, is checked again
    /// as the order is saved, see <see cref="OrderStore.InsertAsync(Domain.Orders.Order, bool, CancellationToken)"/>),
    /// or else read afresh, when <paramref name="fresh"/> asks for it too.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, OrderParty>> PartiesAsync(string buyerId, string sellerId, bool fresh, CancellationToken ct = default)
    {
        if (!fresh && _knownParties.TryGetValue(buyerId, out OrderParty? buyer) && _knownParties.TryGetValue(sellerId, out OrderParty? seller))
        {
            return new Dictionary<string, OrderParty> { [buyerId] = buyer!, [sellerId] = seller! };
        }

        Dictionary<string, OrderParty> parties;
        await using (var connection = await db.OpenAsync(ct))
        {
            // Two parameters rather than a list: PostgreSQL plans a list anew on every call.
            var rows = await connection.QueryAsync<(string Id, string Role, string? Region, long? ErasedAt)>(
                "SELECT id, role, region, erased_at FROM accounts WHERE id IN (@buyerId, @sellerId)", new { buyerId, sellerId });
            parties = rows.ToDictionary(r => r.Id, r => new OrderParty(Enum.Parse<Role>(r.Role), r.Region, r.ErasedAt is not null));
        }

        foreach (var id in (string[])[buyerId, sellerId])
        {
            if (parties.TryGetValue(id, out var party) && !party.Erased)
            {
                _knownParties.Set(id, party, KnownParty);
            }
            else
            {
                _knownParties.Remove(id);
            }
        }

        return parties;
    }

    /// <summary>Stores the platform key's hash; returns a newly generated key when none was given or stored before.</summary>
    public async Task<string?> EnsurePlatformKeyAsync(string? key, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var stored = await connection.ExecuteScalarAsync<string?>("SELECT value FROM settings WHERE name = @PlatformKeySetting", new { PlatformKeySetting });
        if (key is null && stored is not null)
        {
            return null;
        }

        var generated = key is null ? NewToken("pk") : null;
        await connection.ExecuteAsync(
            "INSERT INTO settings (name, value) VALUES (@PlatformKeySetting, @hash) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            new { PlatformKeySetting, hash = Hash(key ?? generated!) });
        return generated;
    }

    public async Task<bool> IsPlatformKeyAsync(string token, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var stored = await connection.ExecuteScalarAsync<string?>("SELECT value FROM settings WHERE name = @PlatformKeySetting", new { PlatformKeySetting });
        return stored is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(Hash(token)));
    }

    private async Task<Account?> FindWhereAsync(string column, string value, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string Id, string Role, string DisplayName, string? Email, string? Region, long? ErasedAt)>(
            $"SELECT id, role, display_name, email, region, erased_at FROM accounts WHERE {column} = @value", new { value });
        return row.Id is null
            ? null
            : new Account(row.Id, Enum.Parse<Role>(row.Role), row.DisplayName, row.Email, row.Region)
            {
                ErasedAt = row.ErasedAt is { } erasedAt ? DateTimeOffset.FromUnixTimeMilliseconds(erasedAt) : null,
            };
    }

    public void Dispose() => _knownParties.Dispose();
}
