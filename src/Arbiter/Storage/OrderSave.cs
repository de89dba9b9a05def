using System.Data.Common;
using Arbiter.Domain.Common;
using Arbiter.Domain.Ledger;

namespace Arbiter.Storage;

/// <summary>
/// Changed orders ready to save: their documents, written only if nobody saved them since they were
/// read, then everything derived from them (ledger postings, timers, dispute index).
/// </summary>
internal sealed class OrderSave(IReadOnlyList<SavedOrder> saved, SqlBatch documents, SqlBatch derived)
{
    /// <summary>What each order will be once the save commits.</summary>
    public IReadOnlyList<SavedOrder> Saved => saved;

    /// <exception cref="ConcurrencyConflictException">An order changed since it was read.</exception>
    public async Task ExecuteAsync(DbConnection connection, DbTransaction tx)
    {
        if (await documents.ExecuteAsync(connection, tx) != saved.Count)
        {
            throw new ConcurrencyConflictException(string.Join(", ", saved.Select(s => s.Id)));
        }

        await derived.ExecuteAsync(connection, tx);
    }
}

/// <summary>An order as a save writes it: its document, its next version, its whole ledger and its policy.</summary>
internal sealed record SavedOrder(OrderId Id, string Document, long Version, IReadOnlyList<Posting> Postings, Domain.Policy Policy);
