using System.Data.Common;
using Dapper;

namespace Arbiter.Storage;

/// <summary>
/// Evidence bytes live in the database, beside the order that lists them: written in the same
/// transaction as the upload's command, and readable from every node.
/// </summary>
internal sealed class EvidenceContent(Database db)
{
    public static Task WriteAsync(DbConnection connection, DbTransaction tx, string evidenceId, byte[] content) =>
        connection.ExecuteAsync("INSERT INTO evidence_content (id, content) VALUES (@evidenceId, @content)", new { evidenceId, content }, tx);

    public async Task<byte[]?> ReadAsync(string evidenceId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<byte[]>("SELECT content FROM evidence_content WHERE id = @evidenceId", new { evidenceId });
    }
}
