using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Arbiter.Storage;

/// <summary>
/// Several statements written together, their parameters the properties of an object (read through
/// <see cref="RowColumns"/>). On PostgreSQL they go as one batch, in one round trip, each statement
/// with its own parameters, by position (<see cref="PositionalSql"/>), and rows of one kind
/// (<see cref="AddRows"/>) as one statement over arrays. SQLite has no round trips to save, and
/// binds every parameter of a command to each of its statements, so there each statement runs on
/// its own, row by row, as a command kept per connection and text: SQLite then parses and plans it
/// once, not every time.
/// </summary>
internal sealed class SqlBatch
{
    /// <summary>What a guard raises on PostgreSQL (<c>arbiter_conflict()</c>, migration 18).</summary>
    public const string ConflictState = "AR409";

    /// <summary>The parameter a guard compares its count of changed rows with.</summary>
    private const string GuardRows = "GuardRows";

    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, PreparedCommand>> Prepared = new();
    private readonly List<Statement> _statements = [];

    /// <summary>
    /// The id of the order whose row the batch locks first, if it saves orders: batches sent
    /// together (<see cref="GroupedBatches"/>) go in this order.
    /// </summary>
    public string? LocksFirst { get; init; }

    public void Add(string sql, object parameters) => _statements.Add(new(sql, parameters));

    /// <summary>The statements of <paramref name="batches"/>, one after the other, as one batch.</summary>
    public static SqlBatch Together(IEnumerable<SqlBatch> batches)
    {
        var together = new SqlBatch();
        foreach (var batch in batches)
        {
            together._statements.AddRange(batch._statements);
        }

        return together;
    }

    /// <summary>
    /// Rows of one kind, each an object of the same type: one row at a time by <paramref name="oneRow"/>
    /// (on SQLite, and for a single row), or on PostgreSQL all at once by <paramref name="manyRows"/>,
    /// whose parameters are arrays, a property's values in the rows' order (for <c>unnest</c>).
    /// </summary>
    public void AddRows(string oneRow, string manyRows, IReadOnlyList<object> rows) => AddEach(oneRow, manyRows, rows, conflict: null);

    /// <summary>
    /// Rows as <see cref="AddRows"/> whose statement must change each of them, or else nothing in the
    /// batch counts: it throws <see cref="ConcurrencyConflictException"/> with <paramref name="conflict"/>
    /// (a document saved only if it is still at the version it was read at).
    /// </summary>
    public void AddRowsEachChanged(string oneRow, string manyRows, IReadOnlyList<object> rows, string conflict) => AddEach(oneRow, manyRows, rows, conflict);

    private void AddEach(string oneRow, string manyRows, IReadOnlyList<object> rows, string? conflict)
    {
        if (rows.Count > 1)
        {
            _statements.Add(new(manyRows, new Rows(oneRow, rows), conflict, rows.Count));
        }
        else if (rows.Count == 1)
        {
            _statements.Add(new(oneRow, rows[0], conflict, 1));
        }
    }

    /// <param name="tx">The transaction; on PostgreSQL none makes the batch a transaction of its own, committed as it ends.</param>
    public async Task ExecuteAsync(DbConnection connection, DbTransaction? tx)
    {
        if (_statements.Count == 0)
        {
            return;
        }

        if (connection is SqliteConnection sqlite)
        {
            // Only one write transaction uses a connection at a time, so its commands are never shared.
            // Statements run one by one here: only a transaction makes them one write.
            ArgumentNullException.ThrowIfNull(tx);
            var prepared = Prepared.GetOrCreateValue(sqlite);
            foreach (var statement in _statements)
            {
                foreach (var (sql, parameters) in statement.Parameters is Rows rows ? rows.Each.Select(row => (rows.OneRow, row)) : [(statement.Sql, statement.Parameters)])
                {
                    if (!prepared.TryGetValue(sql, out var ready) || ready.ParametersType != parameters.GetType())
                    {
                        prepared[sql] = ready = PreparedCommand.Of(ready?.Command ?? sqlite.CreateCommand(), sql, parameters);
                    }

                    var command = ready.Command;
                    command.Transaction = (SqliteTransaction)tx;
                    for (var i = 0; i < ready.Columns.Count; i++)
                    {
                        command.Parameters[i].Value = ready.Columns[i].Value(parameters) ?? DBNull.Value;
                    }

                    if (await command.ExecuteNonQueryAsync() != 1 && statement.Conflict is { } conflict)
                    {
                        throw new ConcurrencyConflictException(conflict);
                    }
                }
            }

            return;
        }

        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction?)tx);
        foreach (var (sql, parameters, conflict, mustChange) in _statements)
        {
            // A guard counts its rows in SQL and raises when they fall short: the statements after it
            // never run, even where they would fail first, and nothing in the batch commits.
            var text = PositionalSql.Of(conflict is null
                ? sql
                : $"WITH changed AS ({sql} RETURNING 1) SELECT arbiter_conflict() FROM (SELECT count(*) AS n FROM changed) c WHERE n <> @{GuardRows}");
            var command = new NpgsqlBatchCommand(text.Sql);
            var columns = RowColumns.Of(parameters is Rows rows ? rows.Each[0] : parameters);
            foreach (var name in text.Names)
            {
                command.Parameters.Add(name == GuardRows ? new NpgsqlParameter { Value = (long)mustChange } : ParameterOf(columns[name], parameters));
            }

            batch.BatchCommands.Add(command);
        }

        try
        {
            await batch.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState == ConflictState)
        {
            throw new ConcurrencyConflictException(string.Join(", ", _statements.Select(s => s.Conflict).OfType<string>()));
        }
    }

    /// <summary>One statement and its parameters; when it stands guard, the conflict it reports and the rows it must change.</summary>
    private sealed record Statement(string Sql, object Parameters, string? Conflict = null, int MustChange = 0);

    /// <summary>
    /// A SQLite command kept for its text, with a parameter for each property of the objects it is
    /// run with: a run only sets their values, instead of making new parameters and names each time.
    /// </summary>
    private sealed record PreparedCommand(SqliteCommand Command, Type ParametersType, IReadOnlyList<RowColumn> Columns)
    {
        public static PreparedCommand Of(SqliteCommand command, string sql, object parameters)
        {
            var columns = RowColumns.Of(parameters).All;
            command.CommandText = sql;
            command.Parameters.Clear();
            foreach (var column in columns)
            {
                command.Parameters.Add(new SqliteParameter("@" + column.Name, null));
            }

            return new(command, parameters.GetType(), columns);
        }
    }

    /// <summary>The rows of one <see cref="AddRows"/>: sent as arrays, or one by one by <paramref name="OneRow"/>.</summary>
    private sealed record Rows(string OneRow, IReadOnlyList<object> Each);

    /// <summary>
    /// A null goes typed as its property, as its values do: Npgsql keeps a statement prepared only
    /// while its parameters' types stay the same, and an untyped null made every statement with a
    /// nullable column (an event, a document, a dispute row) parsed and planned anew each time.
    /// </summary>
    /// <remarks>Rows of one kind give each column's values as one array, in the rows' order.</remarks>
    private static NpgsqlParameter ParameterOf(RowColumn column, object parameters) => parameters is Rows rows
        ? new NpgsqlParameter { Value = column.Values(rows.Each) }
        : column.Value(parameters) is { } value
            ? new NpgsqlParameter { Value = value }
            : new NpgsqlParameter { NpgsqlDbType = NullTypeOf(Nullable.GetUnderlyingType(column.Type) ?? column.Type), Value = DBNull.Value };

    /// <summary>The type Npgsql gives a value of <paramref name="type"/>, for the types the statements here bind.</summary>
    private static NpgsqlDbType NullTypeOf(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.String => NpgsqlDbType.Text,
        TypeCode.Int64 => NpgsqlDbType.Bigint,
        TypeCode.Int32 => NpgsqlDbType.Integer,
        _ => throw new NotSupportedException($"A null {type.Name} parameter has no PostgreSQL type here."),
    };
}
