using System.Data.Common;
using Dapper;

namespace Arbiter.Storage;

/// <summary>
/// Evidence bytes live in the database, beside the order that lists them: written in the same
/// transaction as the upload's command, and readable from every node. They are written and read in
/// chunks of a mebibyte, so neither an upload nor a download sits whole in memory; files stored
/// before chunks are one row of <c>evidence_content</c>, and read from there.
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

    /// <summary>The file's bytes as a stream that fetches one chunk at a time, holding no connection in between; null when none are stored.</summary>
    public async Task<Stream?> OpenAsync(string evidenceId, CancellationToken ct)
    {
        if (await ChunkAsync(evidenceId, 0, ct) is { } first)
        {
            return new ChunkStream(this, evidenceId, first);
        }

        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<byte[]>("SELECT content FROM evidence_content WHERE id = @evidenceId", new { evidenceId }) is { } whole
            ? new MemoryStream(whole, writable: false)
            : null;
    }

    private async Task<byte[]?> ChunkAsync(string evidenceId, int index, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<byte[]>(
            new CommandDefinition("SELECT bytes FROM evidence_chunks WHERE id = @evidenceId AND idx = @index", new { evidenceId, index }, cancellationToken: ct));
    }

    /// <summary>Reads a stored file forward, chunk after chunk, so a download holds one mebibyte of it at most.</summary>
    private sealed class ChunkStream(EvidenceContent content, string evidenceId, byte[] first) : Stream
    {
        private byte[]? _chunk = first;
        private int _index;
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_chunk is not null && _offset == _chunk.Length)
            {
                _chunk = await content.ChunkAsync(evidenceId, ++_index, cancellationToken);
                _offset = 0;
            }

            if (_chunk is null)
            {
                return 0;
            }

            var count = Math.Min(buffer.Length, _chunk.Length - _offset);
            _chunk.AsMemory(_offset, count).CopyTo(buffer);
            _offset += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
