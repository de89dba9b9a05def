using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Dapper;
using Npgsql;

namespace Arbiter.Storage;

/// <summary>
/// Several statements written together. On PostgreSQL they go as one batch, in one round trip,
/// each statement with its own parameters, so that the server can keep each one prepared. SQLite
/// has no round trips to save, and binds every parameter of a command to each of its statements,
/// so there each statement runs on its own.
/// </summary>
internal sealed class SqlBatch
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();
    private readonly List<(string Sql, object Parameters)> _statements = [];

    public void Add(string sql, object parameters) => _statements.Add((sql, parameters));

    /// <returns>The rows the statements changed, in all.</returns>
    public async Task<int> ExecuteAsync(DbConnection connection, DbTransaction tx)
    {
        if (_statements.Count == 0)
        {
            return 0;
        }

        if (connection is not NpgsqlConnection)
        {
            var changed = 0;
            foreach (var (sql, parameters) in _statements)
            {
                changed += await connection.ExecuteAsync(sql, parameters, tx);
            }

            return changed;
        }

        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)tx);
        foreach (var (sql, parameters) in _statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var property in Properties.GetOrAdd(parameters.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
            {
                command.Parameters.Add(new NpgsqlParameter(property.Name, property.GetValue(parameters) ?? DBNull.Value));
            }

            batch.BatchCommands.Add(command);
        }

        return await batch.ExecuteNonQueryAsync();
    }
}
