using System.Data.Common;
using Dapper;

namespace Arbiter.Storage;

/// <summary>
/// Where Arbiter keeps its state: SQLite for one machine, PostgreSQL for several nodes. Both run
/// the same SQL; a backend supplies connections, its migrations and how it locks while migrating.
/// </summary>
internal abstract class Database
{
    protected abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>How a column is matched against a list parameter, e.g. <c>id IN @ids</c>.</summary>
    public virtual string InList(string column, string parameter) => $"{column} IN @{parameter}";

    /// <summary>Whether a binary column holds the bytes of a parameter somewhere.</summary>
    public virtual string BytesContain(string column, string parameter) => $"instr({column}, @{parameter}) > 0";

    /// <summary>
    /// How many write transactions of one node's background work (the timers) are worth running at
    /// once: one where writes take turns anyway (SQLite's one writer).
    /// </summary>
    public virtual int ConcurrentWriters => 1;

    /// <summary>What turns a SELECT of one row into "lock it, waiting for whoever holds it".</summary>
    public virtual string LockWaiting => "";

    /// <summary>What turns a SELECT of one row into "lock it, unless another transaction holds it".</summary>
    public virtual string LockSkippingLocked => "";

    public abstract Task<DbConnection> OpenAsync(CancellationToken ct = default);

    /// <summary>Brings the schema up to date in one transaction; safe at every start and from several nodes at once.</summary>
    /// <returns>How many migrations were applied.</returns>
    public async Task<int> MigrateAsync(CancellationToken ct = default)
    {
        await PrepareAsync(ct);
        await using var connection = await OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await LockForMigrationAsync(connection, tx);
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", transaction: tx);
        var done = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations", transaction: tx);
        for (var i = (int)done; i < Migrations.Count; i++)
        {
            await connection.ExecuteAsync(Migrations[i], transaction: tx);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)",
                new { version = i + 1, at = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
                tx);
        }

        await tx.CommitAsync(ct);

        // Data a migration's SQL cannot derive (it lives in the order documents) is filled in after it, in batches.
        await new OrderStore(this).FillListColumnsAsync(ct);
        return Migrations.Count - (int)done;
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction.</summary>
    /// <remarks>The work must not start another write: where writes are grouped, it would wait for itself.</remarks>
    public virtual async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var result = await work(connection, tx);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>Runs a batch of statements as one write transaction of its own.</summary>
    public virtual Task WriteAsync(SqlBatch batch, CancellationToken ct = default) =>
        WriteAsync(async (connection, tx) =>
        {
            await batch.ExecuteAsync(connection, tx);
            return true;
        }, ct);

    /// <summary>Runs <paramref name="read"/> on one consistent snapshot, so that a document and its ledger agree.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, DbTransaction, Task<T>> read, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await BeginSnapshotAsync(connection, ct);
        var result = await read(connection, tx);
        await tx.CommitAsync(ct);
        return result;
    }

    protected abstract ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct);

    protected virtual Task PrepareAsync(CancellationToken ct) => Task.CompletedTask;

    protected virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction tx) => Task.CompletedTask;
}
