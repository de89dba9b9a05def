using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Arbiter.Storage;

/// <summary>
/// Several statements written together. On PostgreSQL they go as one batch, in one round trip,
/// each statement with its own parameters. SQLite has no round trips to save, and binds every
/// parameter of a command to each of its statements, so there each statement runs on its own, as
/// a command kept per connection and text: SQLite then parses and plans it once, not every time.
/// </summary>
internal sealed class SqlBatch
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, SqliteCommand>> Prepared = new();
    private readonly List<(string Sql, object Parameters)> _statements = [];

    public void Add(string sql, object parameters) => _statements.Add((sql, parameters));

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
            foreach (var (sql, parameters) in _statements)
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
            foreach (var property in PropertiesOf(parameters))
            {
                command.Parameters.Add(new NpgsqlParameter(property.Name, property.GetValue(parameters) ?? DBNull.Value));
            }

            batch.BatchCommands.Add(command);
        }

        return await batch.ExecuteNonQueryAsync();
    }

    private static PropertyInfo[] PropertiesOf(object parameters) =>
        Properties.GetOrAdd(parameters.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance));
}
