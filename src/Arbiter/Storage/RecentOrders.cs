using Arbiter.Domain.Common;
using Arbiter.Domain.Ledger;
using Microsoft.Extensions.Caching.Memory;

namespace Arbiter.Storage;

/// <summary>
/// The orders this node saved last, exactly as saved, so that the next command on one of them can
/// skip reading it back. Never trusted blindly (another node, or a timer, may have saved the order
/// since): the save checks the version, and a command a remembered order refuses is decided again
/// on a fresh read.
/// </summary>
internal sealed class RecentOrders : IDisposable
{
    /// <summary>Orders are busiest in the minutes after a change; a few thousand cover the hot ones.</summary>
    private const int Capacity = 10_000;

    private static readonly MemoryCacheEntryOptions Entry = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };
    private readonly MemoryCache _saved = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public void Remember(IEnumerable<SavedOrder> saved)
    {
        foreach (var (id, document, version, postings, policy, rows) in saved)
        {
            _saved.Set(id, new Saved(document, version, postings, policy, rows), Entry);
        }
    }

    /// <summary>A fresh copy of the order as this node last saved it, or null; the rows derived from it are the save's own (immutable, so shared).</summary>
    public LoadedOrder? Recall(OrderId orderId) =>
        _saved.TryGetValue(orderId, out Saved? saved) ? OrderStore.Rehydrate(saved!.Document, saved.Version, saved.Postings, saved.Policy, saved.Rows) : null;

    /// <summary>Drops an order found out of date, so that the next command reads it afresh.</summary>
    public void Forget(OrderId orderId) => _saved.Remove(orderId);

    public void Dispose() => _saved.Dispose();

    private sealed record Saved(string Document, long Version, IReadOnlyList<Posting> Postings, Domain.Policy Policy, DerivedRows Rows);
}
