using System.Data.Common;
using System.Text.Json.Nodes;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Storage;
using Dapper;

namespace Arbiter.Privacy;

/// <summary>An order to erase words from, with when it last changed (which erasing keeps).</summary>
internal sealed record OrderToErase(string Id, long UpdatedAt);

/// <summary>
/// Erases parties' words from finished orders inside the caller's transaction, wherever they were
/// kept: the order's document (the domain decides what is whose), the bytes of their evidence, and
/// the details of the events they caused. Amounts, ledger, timers and the shape of the history stay.
/// </summary>
internal static class WordsEraser
{
    /// <summary>Locks <paramref name="orders"/> and erases the words of <paramref name="parties"/> from each.</summary>
    /// <returns>How many orders had words erased; orders not finished are left as they are.</returns>
    public static async Task<int> EraseAsync(
        DbConnection connection, DbTransaction tx, OrderStore store, IReadOnlyList<OrderToErase> orders, IReadOnlyList<Party> parties, DateTimeOffset now)
    {
        var updatedAt = orders.ToDictionary(o => o.Id, o => o.UpdatedAt);
        var erased = 0;
        foreach (var loaded in await store.LoadManyAsync(connection, tx, [.. orders.Select(o => OrderId.Of(o.Id))], RowLock.Wait))
        {
            var order = loaded.Order;
            var files = new List<string>();
            var authors = new HashSet<string>(StringComparer.Ordinal);
            foreach (var party in parties.Where(p => !order.IsErased(p)))
            {
                var result = order.EraseWordsOf(party, now);
                if (!result.IsSuccess)
                {
                    break;
                }

                files.AddRange(result.Value!);
                authors.Add(order.ActorOf(party).ToString());
            }

            if (authors.Count == 0)
            {
                continue;
            }

            var batch = new SqlBatch();
            foreach (var file in files)
            {
                batch.Add("DELETE FROM evidence_chunks WHERE id = @file", new { file });
                batch.Add("DELETE FROM evidence_content WHERE id = @file", new { file });
            }

            var events = await connection.QueryAsync<(string Id, string Payload)>("SELECT id, payload FROM events WHERE order_id = @orderId", new { orderId = order.Id.Value }, tx);
            foreach (var (id, payload) in events)
            {
                if (WithoutDetails(payload, authors) is { } changed)
                {
                    batch.Add("UPDATE events SET payload = @changed WHERE id = @id", new { id, changed });
                }
            }

            await batch.ExecuteAsync(connection, tx);

            // Erasing is no activity on the order: its place in "recently changed" stays.
            await OrderStore.SaveAsync(connection, tx, loaded, DateTimeOffset.FromUnixTimeMilliseconds(updatedAt[order.Id.Value]));
            erased++;
        }

        return erased;
    }

    /// <summary>The event's payload without its details, when one of <paramref name="authors"/> caused it and they said anything; else null.</summary>
    private static string? WithoutDetails(string payload, HashSet<string> authors)
    {
        var node = JsonNode.Parse(payload)!.AsObject();
        if (node["details"] is null || node["actor"]?.GetValue<string>() is not { } actor || !authors.Contains(actor))
        {
            return null;
        }

        node["details"] = null;
        return node.ToJsonString();
    }
}
