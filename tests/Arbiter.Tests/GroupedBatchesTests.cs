using System.Data.Common;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Dapper;
using Npgsql;

namespace Arbiter.Tests;

/// <summary>
/// PostgreSQL's group commit: saves that arrive while another is on its way go together, in one
/// transaction. Each caller still hears its own outcome: a group the server refuses runs again
/// save by save, so one stale save fails alone and the others commit; a group whose connection
/// fails fails for all, and nothing runs twice; a save given up before it goes never goes.
/// </summary>
public sealed class GroupedBatchesTests
{
    [Fact]
    public async Task Saves_that_arrive_while_one_is_on_its_way_commit_together_in_one_transaction()
    {
        await using var db = new PostgresDatabase(await NotesAsync(["n0", "n1", "n2", "n3", "n4"]));
        var gate = new Gate(db);
        var groups = new GroupedBatches(gate.OpenAsync, groupsAtOnce: 1);

        var saves = Enumerable.Range(0, 5).Select(i => groups.WriteAsync(Update($"n{i}", version: 1), CancellationToken.None)).ToList();
        gate.Open();
        await Task.WhenAll(saves);

        Assert.Equal(2, gate.Opened);
        var rows = await RowsAsync(db);
        Assert.All(rows, r => Assert.Equal(2, r.Version));
        Assert.Single(rows.Skip(1).Select(r => r.Transaction).Distinct());
        Assert.NotEqual(rows[0].Transaction, rows[1].Transaction);
    }

    [Fact]
    public async Task A_stale_save_in_a_group_fails_alone_and_the_others_commit()
    {
        await using var db = new PostgresDatabase(await NotesAsync(["n0", "n1", "n2", "n3"]));
        var gate = new Gate(db);
        var groups = new GroupedBatches(gate.OpenAsync, groupsAtOnce: 1);

        var first = groups.WriteAsync(Update("n0", version: 1), CancellationToken.None);
        var fresh = groups.WriteAsync(Update("n1", version: 1), CancellationToken.None);
        var stale = groups.WriteAsync(Update("n2", version: 7), CancellationToken.None);
        var alsoFresh = groups.WriteAsync(Update("n3", version: 1), CancellationToken.None);
        gate.Open();

        await Task.WhenAll(first, fresh, alsoFresh);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => stale);
        Assert.Contains("n2", conflict.Message, StringComparison.Ordinal);
        Assert.Equal([("n0", 2L), ("n1", 2L), ("n2", 1L), ("n3", 2L)], (await RowsAsync(db)).Select(r => (r.Id, r.Version)));

        // The first alone, the group of three refused, then each of the three alone.
        Assert.Equal(5, gate.Opened);
    }

    [Fact]
    public async Task A_group_whose_connection_fails_fails_for_every_save_in_it_and_none_runs_again()
    {
        await using var db = new PostgresDatabase(await NotesAsync(["n0", "n1", "n2"]));
        var gate = new Gate(db);
        gate.FailFrom(2);
        var groups = new GroupedBatches(gate.OpenAsync, groupsAtOnce: 1);

        var first = groups.WriteAsync(Update("n0", version: 1), CancellationToken.None);
        var grouped = new[] { groups.WriteAsync(Update("n1", version: 1), CancellationToken.None), groups.WriteAsync(Update("n2", version: 1), CancellationToken.None) };
        gate.Open();

        await first;
        foreach (var save in grouped)
        {
            await Assert.ThrowsAsync<NpgsqlException>(() => save);
        }

        Assert.Equal(2, gate.Opened);
        Assert.Equal([("n0", 2L), ("n1", 1L), ("n2", 1L)], (await RowsAsync(db)).Select(r => (r.Id, r.Version)));
    }

    [Fact]
    public async Task A_save_given_up_before_its_group_goes_is_never_written()
    {
        await using var db = new PostgresDatabase(await NotesAsync(["n0", "n1", "n2"]));
        var gate = new Gate(db);
        var groups = new GroupedBatches(gate.OpenAsync, groupsAtOnce: 1);
        using var giveUp = new CancellationTokenSource();

        var first = groups.WriteAsync(Update("n0", version: 1), CancellationToken.None);
        var abandoned = groups.WriteAsync(Update("n1", version: 1), giveUp.Token);
        var kept = groups.WriteAsync(Update("n2", version: 1), CancellationToken.None);
        await giveUp.CancelAsync();
        gate.Open();

        await Task.WhenAll(first, kept);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal([("n0", 2L), ("n1", 1L), ("n2", 2L)], (await RowsAsync(db)).Select(r => (r.Id, r.Version)));
    }

    [Fact]
    public async Task Two_nodes_groups_of_the_same_orders_lock_them_in_one_order_and_never_deadlock()
    {
        // Deadlocks found only after a minute: a group that waited in a circle would miss the deadline below.
        var connectionString = new NpgsqlConnectionStringBuilder(await NotesAsync(["a0", "b0", "x", "y"])) { Options = "-c deadlock_timeout=60s" }.ConnectionString;
        await using var db = new PostgresDatabase(connectionString);
        var (gateA, gateB) = (new Gate(db), new Gate(db));
        var (nodeA, nodeB) = (new GroupedBatches(gateA.OpenAsync, groupsAtOnce: 1), new GroupedBatches(gateB.OpenAsync, groupsAtOnce: 1));

        // Each node's first save goes alone; its next two wait and go as a group, in the order A: x then y, B: y then x,
        // each first one holding its row a while: taken in the order they came, each group would wait for the other.
        var saves = new List<Task>
        {
            nodeA.WriteAsync(Update("a0", version: 1), CancellationToken.None),
            nodeB.WriteAsync(Update("b0", version: 1), CancellationToken.None),
            nodeA.WriteAsync(Update("x", version: 1, holdFor: 0.3), CancellationToken.None),
            nodeA.WriteAsync(Update("y", version: 1), CancellationToken.None),
            nodeB.WriteAsync(Update("y", version: 1, holdFor: 0.3), CancellationToken.None),
            nodeB.WriteAsync(Update("x", version: 1), CancellationToken.None),
        };
        gateA.Open();
        gateB.Open();

        var all = Task.WhenAll(saves);
        await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        Assert.True(all.IsCompleted, "the two groups waited for each other");
        Assert.Equal(4, saves.Count(s => s.IsCompletedSuccessfully));
        Assert.Equal(2, saves.Count(s => s.Exception?.InnerException is ConcurrencyConflictException));
        Assert.Equal([("a0", 2L), ("b0", 2L), ("x", 2L), ("y", 2L)], (await RowsAsync(db)).Select(r => (r.Id, r.Version)));
    }

    /// <param name="holdFor">Seconds the save waits, its row locked, before its batch goes on.</param>
    private static SqlBatch Update(string id, long version, double holdFor = 0)
    {
        var batch = new SqlBatch { LocksFirst = id };
        const string Sql = "UPDATE notes SET version = version + 1 WHERE id = @Id AND version = @Version";
        batch.AddRowsEachChanged(Sql, Sql, [new Note(id, version)], id);
        if (holdFor > 0)
        {
            batch.Add("SELECT pg_sleep(@Seconds)", new { Seconds = holdFor });
        }

        return batch;
    }

    /// <summary>A new database with a note at version 1 for each id, and the function a save's guard calls.</summary>
    private static async Task<string> NotesAsync(string[] ids)
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("CREATE TABLE notes (id TEXT PRIMARY KEY, version BIGINT NOT NULL)");
        await connection.ExecuteAsync("INSERT INTO notes (id, version) SELECT unnest(@ids), 1", new { ids });
        await connection.ExecuteAsync(Schema.Postgres.Single(m => m.Contains("arbiter_conflict", StringComparison.Ordinal)));
        return connectionString;
    }

    private static async Task<List<(string Id, long Version, string Transaction)>> RowsAsync(PostgresDatabase db)
    {
        await using var connection = await db.OpenAsync(TestContext.Current.CancellationToken);
        return [.. await connection.QueryAsync<(string, long, string)>("SELECT id, version, xmin::text FROM notes ORDER BY id")];
    }

    private sealed record Note(string Id, long Version);

    /// <summary>
    /// Connections for the groups: the first waits until the test has queued every save behind it,
    /// and from <see cref="FailFrom"/>'s number on, opening one fails as a lost server would.
    /// </summary>
    private sealed class Gate(PostgresDatabase db)
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _opened;
        private int _failFrom = int.MaxValue;

        public int Opened => _opened;

        public void Open() => _open.TrySetResult();

        public void FailFrom(int n) => _failFrom = n;

        public async Task<DbConnection> OpenAsync(CancellationToken ct)
        {
            var n = Interlocked.Increment(ref _opened);
            if (n == 1)
            {
                await _open.Task;
            }

            return n >= _failFrom ? throw new NpgsqlException("The server went away.") : await db.OpenAsync(ct);
        }
    }
}
