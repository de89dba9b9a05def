using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Arbiter.Storage;

/// <summary>The embedded SQLite database: one file under the data folder, WAL, durable commits.</summary>
internal sealed class Database(string path)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync("PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
        return connection;
    }

    /// <summary>Brings the schema up to date; safe to run at every start.</summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var connection = await OpenAsync(ct);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        var version = await connection.ExecuteScalarAsync<int>("PRAGMA user_version;");
        for (var i = version; i < Schema.Migrations.Length; i++)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(Schema.Migrations[i], transaction: tx);
            await connection.ExecuteAsync($"PRAGMA user_version = {i + 1};", transaction: tx);
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction; SQLite's IMMEDIATE lock makes writers queue rather than fail.</summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var result = await work(connection, tx);
        await tx.CommitAsync(ct);
        return result;
    }
}
