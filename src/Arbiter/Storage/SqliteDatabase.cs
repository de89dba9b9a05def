using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Arbiter.Storage;

/// <summary>
/// The embedded default: one file under the data folder, WAL, durable commits. SQLite has one
/// writer at a time, so this process keeps one writer connection and commits the writes waiting
/// for it together (<see cref="GroupCommit"/>); readers use pooled connections and see the last
/// commit without waiting.
/// </summary>
internal sealed class SqliteDatabase : Database, IAsyncDisposable, IDisposable
{
    private readonly string _path;
    private readonly string _connectionString;
    private readonly GroupCommit _writes;

    public SqliteDatabase(string path)
    {
        _path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _writes = new GroupCommit(OpenWriterAsync);
    }

    protected override IReadOnlyList<string> Migrations => Schema.Sqlite;

    public override async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    public override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default) =>
        _writes.WriteAsync(work, ct);

    /// <summary>A deferred transaction reads one WAL snapshot without taking the write lock.</summary>
    protected override ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    /// <remarks>
    /// temp_store = MEMORY keeps the savepoints' sub-journals in memory: a group commit journals
    /// every page its writes touch, past SQLite's 64 KiB spill, and on disk that was a temporary
    /// file created, written and deleted for nearly every commit. wal_autocheckpoint = 4000 (about
    /// 16 MB of WAL; SQLite's default is 1,000 pages): a checkpoint copies the pages in the WAL back
    /// into the database and syncs it, and many of a commit's pages were written by the commits just
    /// before (the newest ends of tables and indexes), so a quarter as many checkpoints copy those
    /// a quarter as often (docs/performance.md).
    /// </remarks>
    private async Task<DbConnection> OpenWriterAsync(CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        await connection.ExecuteAsync("PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 4000;");
        return connection;
    }

    protected override async Task PrepareAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        await using var connection = await OpenAsync(ct);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();

    public void Dispose() => _writes.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
