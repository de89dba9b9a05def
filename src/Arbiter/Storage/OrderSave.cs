using System.Data.Common;
using Arbiter.Domain.Orders;

namespace Arbiter.Storage;

/// <summary>
/// Changed orders ready to save, as one batch (on PostgreSQL one round trip): their documents,
/// written only if nobody saved them since they were read, then everything derived from them
/// (ledger postings, timers, dispute index).
/// </summary>
internal sealed class OrderSave(IReadOnlyList<SavedOrder> saved, SqlBatch statements)
{
    /// <summary>What each order will be once the save commits.</summary>
    public IReadOnlyList<SavedOrder> Saved => saved;

    /// <exception cref="ConcurrencyConflictException">An order changed since it was read.</exception>
    public Task ExecuteAsync(DbConnection connection, DbTransaction tx) => statements.ExecuteAsync(connection, tx);

    /// <summary>Saves in a transaction of its own.</summary>
    /// <exception cref="ConcurrencyConflictException">An order changed since it was read.</exception>
    public Task ExecuteAsync(Database db, CancellationToken ct) => db.WriteAsync(statements, ct);
}

/// <summary>An order a save writes, with the version it will have and the rows derived from it.</summary>
internal sealed record SavedOrder(Order Order, long Version, DerivedRows Rows);
