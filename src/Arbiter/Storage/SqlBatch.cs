using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using System.Text;
using Dapper;
using Npgsql;

namespace Arbiter.Storage;

/// <summary>
/// Several statements written together. On PostgreSQL they go as one command, in one round trip,
/// each statement's parameters renamed apart (<c>@Id</c> of the third becomes <c>@Id_2</c>). SQLite
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

        var text = new StringBuilder();
        var all = new DynamicParameters();
        foreach (var (index, (sql, parameters)) in _statements.Index())
        {
            var suffix = $"_{index}";
            foreach (var property in Properties.GetOrAdd(parameters.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
            {
                all.Add(property.Name + suffix, property.GetValue(parameters));
            }

            AppendRenamed(text, sql, suffix);
            text.Append(";\n");
        }

        return await connection.ExecuteAsync(text.ToString(), all, tx);
    }

    /// <summary>Copies the statement, appending <paramref name="suffix"/> to every <c>@parameter</c>.</summary>
    private static void AppendRenamed(StringBuilder text, string sql, string suffix)
    {
        for (var i = 0; i < sql.Length; i++)
        {
            text.Append(sql[i]);
            if (sql[i] != '@')
            {
                continue;
            }

            while (i + 1 < sql.Length && (char.IsAsciiLetterOrDigit(sql[i + 1]) || sql[i + 1] == '_'))
            {
                text.Append(sql[++i]);
            }

            text.Append(suffix);
        }
    }
}
