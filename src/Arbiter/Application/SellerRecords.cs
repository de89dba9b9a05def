using System.Collections.Concurrent;
using Arbiter.Domain;
using Arbiter.Domain.Sellers;
using Arbiter.Storage;

namespace Arbiter.Application;

/// <summary>
/// Sellers' records, computed from their orders' histories. A record moves slowly and is shown on
/// every order and dispute page a buyer opens, so each is kept for a few minutes of real time
/// instead of reading all of a seller's orders on every page.
/// </summary>
internal sealed class SellerRecords(OrderStore orders, Policy policy, TimeProvider clock)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);

    private const int Batch = 200;

    private readonly ConcurrentDictionary<string, (SellerRecord Record, DateTimeOffset Until)> _known = new();

    public async Task<SellerRecord> OfAsync(string sellerId, CancellationToken ct)
    {
        var realNow = TimeProvider.System.GetUtcNow();
        if (_known.TryGetValue(sellerId, out var known) && known.Until > realNow)
        {
            return known.Record;
        }

        var loaded = new List<Domain.Orders.Order>();
        foreach (var batch in (await orders.SellerOrderIdsAsync(sellerId, ct)).Chunk(Batch))
        {
            loaded.AddRange((await orders.LoadManyAsync(batch, ct)).Select(o => o.Order));
        }

        var record = SellerRecord.Of(sellerId, loaded, policy.SellerRecordWindow, clock.GetUtcNow());
        _known[sellerId] = (record, realNow + KeepFor);
        return record;
    }
}
