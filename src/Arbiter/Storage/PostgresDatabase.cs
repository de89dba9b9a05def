using System.Data.Common;
using Dapper;
using Npgsql;

namespace Arbiter.Storage;

/// <summary>PostgreSQL for production: a pooled data source shared by the node's requests and timers.</summary>
internal sealed class PostgresDatabase : Database, IAsyncDisposable
{
    /// <summary>
    /// Groups of saves on their way at once: while one waits for its commit, the next forms
    /// (measured at 8 clients: two gave larger groups and less CPU a command than four).
    /// </summary>
    private const int GroupsAtOnce = 2;

    private readonly NpgsqlDataSource _source;
    private readonly GroupedBatches _groups;

    public PostgresDatabase(string connectionString)
    {
        _source = CreateSource(connectionString);
        _groups = new GroupedBatches(OpenAsync, GroupsAtOnce);
    }

    protected override IReadOnlyList<string> Migrations => Schema.Postgres;

    /// <summary>Npgsql sends a list as one array parameter.</summary>
    public override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public override string BytesContain(string column, string parameter) => $"position(@{parameter} IN {column}) > 0";

    /// <summary>While one transaction waits for its commit to reach the disk, or the node decides, others keep the server busy.</summary>
    public override int ConcurrentWriters => 4;

    public override string LockWaiting => " FOR UPDATE";

    public override string LockSkippingLocked => " FOR UPDATE SKIP LOCKED";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct = default) => await _source.OpenConnectionAsync(ct);

    /// <summary>
    /// A batch alone is a transaction of its own here, all or nothing: one round trip, without a
    /// BEGIN or a COMMIT; and batches that arrive together share theirs (<see cref="GroupedBatches"/>).
    /// </summary>
    public override Task WriteAsync(SqlBatch batch, CancellationToken ct = default) => _groups.WriteAsync(batch, ct);

    protected override ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct) =>
        connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

    /// <summary>Nodes that start together migrate one after the other.</summary>
    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction tx) =>
        connection.ExecuteAsync("SELECT pg_advisory_xact_lock(20261126)", transaction: tx);

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    /// <summary>
    /// Two defaults differ from Npgsql's, each unless the connection string sets it. Arbiter never
    /// changes a session's state (no SET, no temporary tables, no LISTEN), so the reset Npgsql sends
    /// each time a connection returns to the pool is pure cost (a quarter of the command throughput,
    /// measured). And Arbiter runs a few dozen statements over and over: prepared on the server
    /// after their fifth use, they are no longer parsed and planned each time (a third more
    /// commands per second on a warm node, measured).
    /// </summary>
    private static NpgsqlDataSource CreateSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!Mentions(connectionString, "NoResetOnClose"))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        if (!Mentions(connectionString, "MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }

        return builder.Build();
    }

    /// <summary>Whether the connection string sets <paramref name="keyword"/> (in any spacing or case).</summary>
    /// <remarks>Npgsql's own builder answers true for every keyword it knows, set or not.</remarks>
    private static bool Mentions(string connectionString, string keyword) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), keyword, StringComparison.OrdinalIgnoreCase));
}
