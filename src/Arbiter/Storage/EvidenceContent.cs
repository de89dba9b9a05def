using System.Data.Common;
using Dapper;

namespace Arbiter.Storage;

/// <summary>
/// Evidence bytes live in the database, beside the order that lists them: written in the same
/// transaction as the upload's command, and readable from every node. They are written and read in
/// chunks of a mebibyte, so an upload never sits whole in memory; files stored before chunks are
/// one row of <c>evidence_content</c>, and read from there.
/// </summary>
internal sealed class EvidenceContent(Database db)
{
    public const int ChunkBytes = 1024 * 1024;

    public static async Task WriteAsync(DbConnection connection, DbTransaction tx, string evidenceId, Stream content, CancellationToken ct)
    {
        var buffer = new byte[ChunkBytes];
        for (var index = 0; ; index++)
        {
            var read = await content.ReadAtLeastAsync(buffer, ChunkBytes, throwOnEndOfStream: false, ct);
            if (read == 0)
            {
                return;
            }

            await connection.ExecuteAsync(
                "INSERT INTO evidence_chunks (id, idx, bytes) VALUES (@evidenceId, @index, @bytes)",
                new { evidenceId, index, bytes = read == ChunkBytes ? buffer : buffer[..read] },
                tx);
        }
    }

    public async Task<byte[]?> ReadAsync(string evidenceId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var chunks = (await connection.QueryAsync<byte[]>("SELECT bytes FROM evidence_chunks WHERE id = @evidenceId ORDER BY idx", new { evidenceId })).ToList();
        return chunks.Count > 0
            ? [.. chunks.SelectMany(c => c)]
            : await connection.QuerySingleOrDefaultAsync<byte[]>("SELECT content FROM evidence_content WHERE id = @evidenceId", new { evidenceId });
    }
}
