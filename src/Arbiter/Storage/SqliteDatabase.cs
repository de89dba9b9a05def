using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Arbiter.Storage;

/// <summary>
/// The embedded default: one file under the data folder, WAL, durable commits. Write transactions
/// start IMMEDIATE, so writers queue one at a time and a row lock is never needed.
/// </summary>
internal sealed class SqliteDatabase(string path) : Database, IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    protected override IReadOnlyList<string> Migrations => Schema.Sqlite;

    public override async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync("PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
        return connection;
    }

    /// <summary>A deferred transaction reads one WAL snapshot without taking the write lock.</summary>
    protected override ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    /// <summary>
    /// SQLite takes one writer at a time and makes the others sleep and retry; queueing this
    /// process's writers on a semaphore instead keeps their latency to the time actually waited.
    /// </summary>
    protected override async ValueTask<IDisposable?> EnterWriterAsync(CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        return new Release(_writer);
    }

    public void Dispose() => _writer.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }

    protected override async Task PrepareAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var connection = await OpenAsync(ct);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
    }
}
