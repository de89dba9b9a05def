using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arbiter.Domain;
using Dapper;

namespace Arbiter.Storage;

/// <summary>
/// Each distinct policy stored once, in <c>policies</c>, not in every order document (it was two
/// fifths of a new order's document). A policy's id is a hash of its stored JSON: the same rules get
/// the same id on every node and in every database, so policies are kept in memory by id, for good.
/// </summary>
internal static class StoredPolicies
{
    private static readonly ConditionalWeakTable<Policy, Stored> ByInstance = new();
    private static readonly ConcurrentDictionary<string, Policy> ById = new();

    public static string IdOf(Policy policy) => StoredFormOf(policy).Id;

    /// <summary>Stores the policy unless it is stored already, with the order that names it.</summary>
    public static void AddTo(SqlBatch batch, Policy policy) =>
        batch.Add("INSERT INTO policies (id, doc) VALUES (@Id, @Doc) ON CONFLICT (id) DO NOTHING", StoredFormOf(policy));

    /// <summary>The policies of these ids, from memory or else read in the caller's transaction.</summary>
    public static async Task<IReadOnlyDictionary<string, Policy>> ReadAsync(Database db, DbConnection connection, DbTransaction tx, IEnumerable<string> ids)
    {
        var wanted = ids.Distinct().ToList();
        var missing = wanted.Where(id => !ById.ContainsKey(id)).ToArray();
        if (missing.Length > 0)
        {
            var rows = await connection.QueryAsync<(string Id, string Doc)>($"SELECT id, doc FROM policies WHERE {db.InList("id", "ids")}", new { ids = missing }, tx);
            foreach (var (id, doc) in rows)
            {
                ById.TryAdd(id, JsonSerializer.Deserialize<Policy>(doc, Json.Storage)!);
            }
        }

        return wanted.ToDictionary(id => id, id => ById.TryGetValue(id, out var policy) ? policy : throw new InvalidOperationException($"Policy {id} is named by an order but not stored."));
    }

    /// <summary>A policy's id and JSON, worked out once for each instance (a new order's policy is one of its own).</summary>
    private static Stored StoredFormOf(Policy policy) => ByInstance.GetValue(policy, p =>
    {
        var doc = JsonSerializer.Serialize(p, Json.Storage);
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(doc)))[..32];
        ById.TryAdd(id, p);
        return new Stored(id, doc);
    });

    private sealed record Stored(string Id, string Doc);
}
