using System.Data.Common;

namespace Arbiter.Storage;

/// <summary>
/// Changed orders ready to save: their documents, written only if nobody saved them since they were
/// read, then everything derived from them (ledger postings, timers, dispute index).
/// </summary>
internal sealed class OrderSave(IReadOnlyList<string> orderIds, SqlBatch documents, SqlBatch derived)
{
    /// <exception cref="ConcurrencyConflictException">An order changed since it was read.</exception>
    public async Task ExecuteAsync(DbConnection connection, DbTransaction tx)
    {
        if (await documents.ExecuteAsync(connection, tx) != orderIds.Count)
        {
            throw new ConcurrencyConflictException(string.Join(", ", orderIds));
        }

        await derived.ExecuteAsync(connection, tx);
    }
}
