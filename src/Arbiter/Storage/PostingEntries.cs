using System.Buffers;
using System.Text;
using System.Text.Json;
using Arbiter.Domain.Ledger;

namespace Arbiter.Storage;

/// <summary>
/// A posting's entries as its row stores them: a JSON array of <c>[account, amount]</c> pairs in
/// their order. One row per posting, not one per entry, and an order's ledger loads without a join.
/// </summary>
internal static class PostingEntries
{
    public static string Write(IReadOnlyList<LedgerEntry> entries)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var entry in entries)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(entry.Account);
                writer.WriteNumberValue(entry.Amount);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The entries a row holds; none when it holds none (the audit then finds the posting unbalanced).</summary>
    public static IReadOnlyList<LedgerEntry> Read(string? column)
    {
        if (string.IsNullOrEmpty(column))
        {
            return [];
        }

        var entries = new List<LedgerEntry>(2);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(column));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Read();
            var account = reader.GetString()!;
            reader.Read();
            entries.Add(new LedgerEntry(account, reader.GetInt64()));
            reader.Read();
        }

        return entries;
    }
}
