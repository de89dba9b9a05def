using Arbiter.Storage;
using Arbiter.Tests.Support;
using Dapper;

namespace Arbiter.Tests;

/// <summary>
/// Each write is its own all-or-nothing unit, also where SQLite commits writes that arrive together
/// in one transaction: a failing write undoes only itself, and every caller gets its own answer.
/// </summary>
public abstract class WriteTransactionTests(Backend backend)
{
    [Fact]
    public async Task Writes_arriving_together_each_commit_or_fail_alone()
    {
        var db = await OpenAsync();
        var writes = Enumerable.Range(0, 60).Select(i => db.WriteAsync(async (connection, tx) =>
        {
            await connection.ExecuteAsync("INSERT INTO settings (name, value) VALUES (@name, 'x')", new { name = $"w{i}" }, tx);
            return i % 3 == 0 ? throw new InvalidOperationException($"write {i} changed its mind") : i;
        })).ToList();

        foreach (var (i, write) in writes.Index())
        {
            if (i % 3 == 0)
            {
                Assert.Equal($"write {i} changed its mind", (await Assert.ThrowsAsync<InvalidOperationException>(() => write)).Message);
            }
            else
            {
                Assert.Equal(i, await write);
            }
        }

        await using var reader = await db.OpenAsync();
        var stored = (await reader.QueryAsync<string>("SELECT name FROM settings WHERE name LIKE 'w%'")).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 60).Where(i => i % 3 != 0).Select(i => $"w{i}").Order(), stored);
    }

    [Fact]
    public async Task A_write_that_breaks_a_constraint_leaves_the_others_of_its_commit_intact()
    {
        var db = await OpenAsync();
        var writes = Enumerable.Range(0, 20).Select(i => db.WriteAsync((connection, tx) =>
            connection.ExecuteAsync("INSERT INTO settings (name, value) VALUES (@name, 'x')", new { name = i % 5 == 0 ? "taken" : $"c{i}" }, tx))).ToList();

        var outcomes = await Task.WhenAll(writes.Select(async w => await w.ContinueWith(t => t.IsCompletedSuccessfully)));
        Assert.Equal(17, outcomes.Count(ok => ok));
        await using var reader = await db.OpenAsync();
        Assert.Equal(17, await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM settings WHERE name = 'taken' OR name LIKE 'c%'"));
    }

    [Fact]
    public async Task A_write_cancelled_before_its_turn_is_not_written()
    {
        var db = await OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.WriteAsync(
            (connection, tx) => connection.ExecuteAsync("INSERT INTO settings (name, value) VALUES ('never', 'x')", transaction: tx), cancelled.Token));

        await using var reader = await db.OpenAsync();
        Assert.Equal(0, await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM settings WHERE name = 'never'"));
    }

    private async Task<Database> OpenAsync()
    {
        var db = (await TestStorage.NewAsync(backend)).Options().OpenDatabase();
        await db.MigrateAsync();
        return db;
    }
}

public sealed class WriteTransactionTestsOnSqlite() : WriteTransactionTests(Backend.Sqlite);

public sealed class WriteTransactionTestsOnPostgres() : WriteTransactionTests(Backend.Postgres);
