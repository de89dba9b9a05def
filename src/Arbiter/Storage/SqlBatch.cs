using System.Data.Common;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;

namespace Arbiter.Storage;

/// <summary>
/// Several statements sent to the database as one command, in one round trip. Each statement's
/// parameters are renamed apart (<c>@Id</c> of the third statement becomes <c>@Id_2</c>).
/// </summary>
internal sealed class SqlBatch
{
    private readonly StringBuilder _sql = new();
    private readonly DynamicParameters _parameters = new();
    private int _statements;

    public void Add(string sql, object parameters)
    {
        var suffix = $"_{_statements++}";
        foreach (var property in parameters.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            sql = Regex.Replace(sql, $"@{property.Name}(?![A-Za-z0-9_])", $"@{property.Name}{suffix}");
            _parameters.Add(property.Name + suffix, property.GetValue(parameters));
        }

        _sql.Append(sql).Append(";\n");
    }

    /// <returns>The rows the statements changed, in all.</returns>
    public Task<int> ExecuteAsync(DbConnection connection, DbTransaction tx) =>
        _statements == 0 ? Task.FromResult(0) : connection.ExecuteAsync(_sql.ToString(), _parameters, tx);
}
