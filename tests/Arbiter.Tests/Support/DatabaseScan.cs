using System.Data.Common;
using System.Text;
using Arbiter.Storage;
using Dapper;

namespace Arbiter.Tests.Support;

/// <summary>Reads every row of every table, text and bytes alike, for where given words still are.</summary>
internal static class DatabaseScan
{
    /// <summary>Each place (<c>table.column: word</c>) where one of <paramref name="words"/> is stored, as text or inside bytes.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(Database db, params string[] words)
    {
        await using var connection = await db.OpenAsync(TestContext.Current.CancellationToken);
        var tables = connection is Npgsql.NpgsqlConnection
            ? await connection.QueryAsync<string>("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            : await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'");
        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                for (var column = 0; column < reader.FieldCount; column++)
                {
                    found.AddRange(Matches(reader, column, words).Select(word => $"{table}.{reader.GetName(column)}: {word}"));
                }
            }
        }

        return [.. found.Distinct()];
    }

    private static IEnumerable<string> Matches(DbDataReader reader, int column, string[] words) => reader.IsDBNull(column) ? [] : reader.GetValue(column) switch
    {
        string text => words.Where(w => text.Contains(w, StringComparison.Ordinal)),
        byte[] bytes => words.Where(w => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(w)) >= 0),
        _ => [],
    };
}
