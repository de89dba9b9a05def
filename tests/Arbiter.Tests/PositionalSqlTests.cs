using Arbiter.Storage;

namespace Arbiter.Tests;

/// <summary>
/// A statement's <c>@Name</c>s become PostgreSQL's positions once per text, so that Npgsql sends it
/// without parsing it on every run; what only looks like a name (in a literal, a quoted identifier,
/// a comment, an operator) stays as written.
/// </summary>
public sealed class PositionalSqlTests
{
    [Fact]
    public void Names_become_positions_in_their_first_order()
    {
        var sql = PositionalSql.Of("UPDATE t SET a = @A, b = @B_2 WHERE id = @Id AND a <> @A");

        Assert.Equal("UPDATE t SET a = $1, b = $2 WHERE id = $3 AND a <> $1", sql.Sql);
        Assert.Equal(["A", "B_2", "Id"], sql.Names);
    }

    [Fact]
    public void What_only_looks_like_a_name_stays()
    {
        var sql = PositionalSql.Of("""
            -- the buyer's @Comment, not a name
            SELECT '@Literal', "odd@Column", doc @> @Doc, a@B, @@ @Last FROM t
            """);

        Assert.Equal("""
            -- the buyer's @Comment, not a name
            SELECT '@Literal', "odd@Column", doc @> $1, a@B, @@ $2 FROM t
            """, sql.Sql);
        Assert.Equal(["Doc", "Last"], sql.Names);
    }

    [Fact]
    public void The_same_text_is_rewritten_once() =>
        Assert.Same(PositionalSql.Of("SELECT @X"), PositionalSql.Of("SELECT @X"));
}
