using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Arbiter.Storage;

/// <summary>
/// Several statements written together. On PostgreSQL they go as one batch, in one round trip,
/// each statement with its own parameters, and rows of one kind (<see cref="AddRows"/>) as one
/// statement over arrays. SQLite has no round trips to save, and binds every parameter of a
/// command to each of its statements, so there each statement runs on its own, row by row, as a
/// command kept per connection and text: SQLite then parses and plans it once, not every time.
/// </summary>
internal sealed class SqlBatch
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, SqliteCommand>> Prepared = new();
    private readonly List<(string Sql, object Parameters)> _statements = [];

    public void Add(string sql, object parameters) => _statements.Add((sql, parameters));

    /// <summary>
    /// Rows of one kind, each an object of the same type: one row at a time by <paramref name="oneRow"/>
    /// (on SQLite, and for a single row), or on PostgreSQL all at once by <paramref name="manyRows"/>,
    /// whose parameters are arrays, a property's values in the rows' order (for <c>unnest</c>).
    /// </summary>
    public void AddRows(string oneRow, string manyRows, IReadOnlyList<object> rows)
    {
        if (rows.Count > 1)
        {
            _statements.Add((manyRows, new Rows(oneRow, rows)));
        }
        else if (rows.Count == 1)
        {
            _statements.Add((oneRow, rows[0]));
        }
    }

    /// <returns>The rows the statements changed, in all.</returns>
    public async Task<int> ExecuteAsync(DbConnection connection, DbTransaction tx)
    {
        if (_statements.Count == 0)
        {
            return 0;
        }

        if (connection is SqliteConnection sqlite)
        {
            // Only one write transaction uses a connection at a time, so its commands are never shared.
            var prepared = Prepared.GetOrCreateValue(sqlite);
            var changed = 0;
            foreach (var (sql, parameters) in _statements.SelectMany(s => s.Parameters is Rows rows ? rows.Each.Select(row => (rows.OneRow, row)) : [s]))
            {
                if (!prepared.TryGetValue(sql, out var command))
                {
                    prepared[sql] = command = sqlite.CreateCommand();
                    command.CommandText = sql;
                }

                command.Transaction = (SqliteTransaction)tx;
                command.Parameters.Clear();
                foreach (var property in PropertiesOf(parameters))
                {
                    command.Parameters.AddWithValue("@" + property.Name, property.GetValue(parameters) ?? DBNull.Value);
                }

                changed += await command.ExecuteNonQueryAsync();
            }

            return changed;
        }

        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)tx);
        foreach (var (sql, parameters) in _statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            if (parameters is Rows rows)
            {
                foreach (var property in PropertiesOf(rows.Each[0]))
                {
                    var values = Array.CreateInstance(property.PropertyType, rows.Each.Count);
                    for (var i = 0; i < rows.Each.Count; i++)
                    {
                        values.SetValue(property.GetValue(rows.Each[i]), i);
                    }

                    command.Parameters.Add(new NpgsqlParameter(property.Name, values));
                }
            }
            else
            {
                foreach (var property in PropertiesOf(parameters))
                {
                    command.Parameters.Add(new NpgsqlParameter(property.Name, property.GetValue(parameters) ?? DBNull.Value));
                }
            }

            batch.BatchCommands.Add(command);
        }

        return await batch.ExecuteNonQueryAsync();
    }

    /// <summary>The rows of one <see cref="AddRows"/>: sent as arrays, or one by one by <paramref name="OneRow"/>.</summary>
    private sealed record Rows(string OneRow, IReadOnlyList<object> Each);

    private static PropertyInfo[] PropertiesOf(object parameters) =>
        Properties.GetOrAdd(parameters.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance));
}
