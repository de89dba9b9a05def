using Arbiter.Storage;
using Arbiter.Tests.Support;
using Dapper;

namespace Arbiter.Tests;

/// <summary>
/// On PostgreSQL a statement the node runs over and over is prepared on the server once, and stays
/// prepared whether its nullable parameters carry a value or not: a save's event, document and
/// dispute rows each have such columns, and were parsed and planned anew every time while a null
/// went untyped.
/// </summary>
public sealed class PreparedStatementTests
{
    [Fact]
    public async Task A_statement_with_nulls_among_its_values_stays_prepared()
    {
        await using var db = new PostgresDatabase(await PostgresServer.CreateDatabaseAsync());
        await using var connection = await db.OpenAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync("CREATE TABLE notes (id TEXT PRIMARY KEY, note TEXT, due_at BIGINT, n INTEGER)");

        for (var i = 0; i < 12; i++)
        {
            var batch = new SqlBatch();
            batch.Add(
                "INSERT INTO notes (id, note, due_at, n) VALUES (@Id, @Note, @DueAt, @N)",
                new { Id = $"n{i}", Note = i % 2 == 0 ? null : "said", DueAt = i % 3 == 0 ? (long?)null : i, N = i % 4 == 0 ? (int?)null : i });
            await batch.ExecuteAsync(connection, tx: null);
        }

        // Prepared from its fifth run (Npgsql's AutoPrepareMinUsages), and run prepared from then on.
        Assert.Equal(8, await connection.ExecuteScalarAsync<long>("SELECT sum(generic_plans + custom_plans) FROM pg_prepared_statements WHERE statement LIKE 'INSERT INTO notes%'"));
        Assert.Equal(
            [("n0", null, null, null), ("n1", "said", 1L, 1), ("n3", "said", null, 3)],
            (await connection.QueryAsync<(string, string?, long?, int?)>("SELECT id, note, due_at, n FROM notes WHERE id IN ('n0', 'n1', 'n3') ORDER BY id")).ToList());
    }
}
