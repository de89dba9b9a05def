using System.Collections.Concurrent;
using Arbiter.Domain.Common;
using Arbiter.Storage;

namespace Arbiter.Api;

/// <summary>
/// Who a bearer token belongs to. Tokens never change owner, so answers are kept for a minute of
/// real time: most requests then cost no database round trip to authenticate. A replaced token
/// is forgotten at once on the node that replaced it, and within <see cref="KeepFor"/> on the others.
/// </summary>
internal sealed class Callers(AccountStore accounts)
{
    private const int PruneAbove = 100_000;
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Until)> _known = new();

    public async Task<Caller?> FindAsync(string token, CancellationToken ct)
    {
        var hash = AccountStore.Hash(token);
        var now = TimeProvider.System.GetUtcNow();
        if (_known.TryGetValue(hash, out var known) && known.Until > now)
        {
            return known.Caller;
        }

        var caller = await accounts.IsPlatformKeyAsync(token, ct)
            ? new Caller(Role.Platform, null)
            : await accounts.FindByTokenAsync(token, ct) is { } account ? new Caller(account.Role, account.Id) : null;
        if (caller is not null)
        {
            if (_known.Count > PruneAbove)
            {
                foreach (var expired in _known.Where(k => k.Value.Until <= now))
                {
                    _known.TryRemove(expired.Key, out _);
                }
            }

            _known[hash] = (caller, now + KeepFor);
        }

        return caller;
    }

    /// <summary>Forgets every token known to belong to the account.</summary>
    public void Forget(string accountId)
    {
        foreach (var known in _known.Where(k => k.Value.Caller.AccountId == accountId))
        {
            _known.TryRemove(known.Key, out _);
        }
    }
}
