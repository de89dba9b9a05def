using Arbiter.Domain.Common;
using Microsoft.Extensions.Caching.Memory;

namespace Arbiter.Storage;

/// <summary>
/// The orders this node saved last, as the objects its commands left them, so that the next command
/// on one of them neither reads nor deserializes it. Each is handed out once: the command that
/// recalls an order owns it, and gives it back only by saving it (a refused or failed command drops
/// it). Never trusted blindly (another node, or a timer, may have saved the order since): the save
/// checks the version, and a command a remembered order refuses is decided again on a fresh read.
/// </summary>
internal sealed class RecentOrders : IDisposable
{
    /// <summary>Orders are busiest in the minutes after a change; a few thousand cover the hot ones.</summary>
    private const int Capacity = 10_000;

    private static readonly MemoryCacheEntryOptions Entry = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };
    private readonly MemoryCache _saved = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>
    /// Keeps orders whose save committed; whoever saved them must be done reading them, since the
    /// next command here changes the same objects.
    /// </summary>
    public void Remember(IEnumerable<SavedOrder> saved)
    {
        foreach (var (order, version, rows) in saved)
        {
            order.AcceptChanges();
            // A command that answered slowly must not push out what a later one saved.
            if (!_saved.TryGetValue(order.Id, out Held? held) || held!.Version < version)
            {
                _saved.Set(order.Id, new Held(new LoadedOrder(order, version, rows)), Entry);
            }
        }
    }

    /// <summary>The order as this node last saved it, now the caller's alone; null when not remembered or already handed out.</summary>
    public LoadedOrder? Recall(OrderId orderId) =>
        _saved.TryGetValue(orderId, out Held? held) ? held!.Take() : null;

    /// <summary>Drops an order found out of date, so that the next command reads it afresh.</summary>
    public void Forget(OrderId orderId) => _saved.Remove(orderId);

    public void Dispose() => _saved.Dispose();

    /// <summary>A remembered order, which only one command can take.</summary>
    private sealed class Held(LoadedOrder order)
    {
        private LoadedOrder? _order = order;

        public long Version { get; } = order.Version;

        public LoadedOrder? Take() => Interlocked.Exchange(ref _order, null);
    }
}
