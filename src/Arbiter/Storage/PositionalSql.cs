using System.Collections.Concurrent;
using System.Text;

namespace Arbiter.Storage;

/// <summary>
/// A statement's text as PostgreSQL takes it, <c>$1</c> for each <c>@Name</c>, with the names in
/// their order; made once per text. Npgsql sends a statement whose parameters have no names as it
/// is, where it would otherwise parse the text on every run to find the names.
/// </summary>
internal sealed record PositionalSql(string Sql, IReadOnlyList<string> Names)
{
    private static readonly ConcurrentDictionary<string, PositionalSql> Known = new();

    public static PositionalSql Of(string sql) => Known.GetOrAdd(sql, Rewrite);

    /// <summary>Names outside quotes (a literal, a quoted identifier) and line comments become positions; a name used twice keeps its first.</summary>
    private static PositionalSql Rewrite(string sql)
    {
        var text = new StringBuilder(sql.Length);
        var names = new List<string>();
        char? until = null; // inside a literal, a quoted identifier or a line comment, until this character
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (until is not null)
            {
                until = c == until ? null : until;
            }
            else if (c is '\'' or '"')
            {
                until = c;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                until = '\n';
            }
            else if (c == '@' && i + 1 < sql.Length && IsNameStart(sql[i + 1]) && (i == 0 || !IsNamePart(sql[i - 1])))
            {
                var end = i + 1;
                while (end < sql.Length && IsNamePart(sql[end]))
                {
                    end++;
                }

                var name = sql[(i + 1)..end];
                var position = names.IndexOf(name);
                if (position < 0)
                {
                    names.Add(name);
                    position = names.Count - 1;
                }

                text.Append('$').Append(position + 1);
                i = end - 1;
                continue;
            }

            text.Append(c);
        }

        return new(text.ToString(), names);
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
