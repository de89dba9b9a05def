using System.Data.Common;
using System.Text.Json.Nodes;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Storage;
using Dapper;

namespace Arbiter.Privacy;

/// <summary>An order to erase parties' words from, locked in the caller's transaction, with when it last changed (which erasing keeps).</summary>
internal sealed record WordsToErase(LoadedOrder Loaded, long UpdatedAt, IReadOnlyList<Party> Parties);

/// <summary>
/// Erases parties' words from finished orders inside the caller's transaction, wherever they were
/// kept: the order's document (the domain decides what is whose), the bytes of their evidence, and
/// the details of the events they caused. Amounts, ledger, timers and the shape of the history stay.
/// </summary>
internal static class WordsEraser
{
    /// <returns>How many orders had words erased; orders not finished are left as they are.</returns>
    public static async Task<int> EraseAsync(DbConnection connection, DbTransaction tx, IEnumerable<WordsToErase> work, DateTimeOffset now)
    {
        var erased = 0;
        foreach (var (loaded, updatedAt, parties) in work)
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
                authors.Add(new Actor(party == Party.Buyer ? Role.Buyer : Role.Seller, party == Party.Buyer ? order.BuyerId : order.SellerId).ToString());
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
            await OrderStore.SaveAsync(connection, tx, loaded, DateTimeOffset.FromUnixTimeMilliseconds(updatedAt));
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
