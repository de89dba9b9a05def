using Arbiter.Domain.Common;
using Arbiter.Storage;

namespace Arbiter.Web;

/// <summary>The people a page mentions, known by name; the reader is "you".</summary>
internal sealed record People(string? Me, IReadOnlyDictionary<string, string> Names)
{
    /// <summary>The names of the accounts behind <paramref name="actors"/> (history's and messages' authors), in one query.</summary>
    public static async Task<People> OfAsync(AccountStore accounts, string? me, IEnumerable<string> actors, CancellationToken ct)
    {
        var ids = actors.Select(a => Split(a).Id).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new People(me, await accounts.NamesAsync(ids, ct));
    }

    /// <summary>
    /// An actor as the history writes it, <c>role</c> or <c>role:id</c>, split at its first colon:
    /// the id after it is the platform's own and is kept whole (<c>seller:usr:42</c>).
    /// </summary>
    public static (Role? Role, string? Id) Split(string actor)
    {
        var colon = actor.IndexOf(':', StringComparison.Ordinal);
        var role = colon < 0 ? actor : actor[..colon];
        return (Enum.TryParse<Role>(role, ignoreCase: true, out var parsed) ? parsed : null, colon < 0 ? null : actor[(colon + 1)..]);
    }
}
