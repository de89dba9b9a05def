using System.Collections.Concurrent;
using System.Reflection;

namespace Arbiter.Storage;

/// <summary>
/// The public properties of a type whose objects are a statement's parameters (a row, an anonymous
/// object), each read through a delegate made once per type, not by reflection's <c>GetValue</c>
/// on every value of every statement of every save.
/// </summary>
internal sealed class RowColumns
{
    private static readonly ConcurrentDictionary<Type, RowColumns> Known = new();
    private readonly Dictionary<string, RowColumn> _byName;

    private RowColumns(Type type)
    {
        All = [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(RowColumn.Of)];
        _byName = All.ToDictionary(c => c.Name);
    }

    /// <summary>In declaration order.</summary>
    public IReadOnlyList<RowColumn> All { get; }

    public RowColumn this[string name] => _byName[name];

    public static RowColumns Of(object row) => Known.GetOrAdd(row.GetType(), t => new RowColumns(t));
}

/// <summary>One property as a parameter: its name, its type, its value in one row, and its values in many as a typed array (for <c>unnest</c>).</summary>
internal sealed record RowColumn(string Name, Type Type, Func<object, object?> Value, Func<IReadOnlyList<object>, Array> Values)
{
    private static readonly MethodInfo TypedMethod = typeof(RowColumn).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static RowColumn Of(PropertyInfo property) =>
        (RowColumn)TypedMethod.MakeGenericMethod(property.DeclaringType!, property.PropertyType).Invoke(null, [property])!;

    private static RowColumn Typed<TRow, TValue>(PropertyInfo property)
    {
        var get = property.GetMethod!.CreateDelegate<Func<TRow, TValue>>();
        return new(property.Name, typeof(TValue), row => get((TRow)row), rows =>
        {
            var values = new TValue[rows.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = get((TRow)rows[i]);
            }

            return values;
        });
    }
}
