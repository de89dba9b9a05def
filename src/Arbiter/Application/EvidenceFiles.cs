using Arbiter.Api;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Storage;

namespace Arbiter.Application;

/// <summary>
/// Evidence files: added to an order (before its dispute is opened) or to a dispute, checked by
/// their content, never by their name, with the bytes streamed from the upload into the same
/// transaction as the order's record; and read back by whoever may see the dispute they belong to.
/// </summary>
internal sealed class EvidenceFiles(OrderCommands commands, EvidenceContent contents)
{
    public static readonly DomainError UnsupportedType = DomainError.Invalid(
        ErrorCode.UnsupportedFileType, "Evidence must be a JPEG, PNG, GIF or WebP image, an MP4, MOV or WebM video, or a PDF.");

    /// <remarks>The caller has checked the file's size against the evidence limit.</remarks>
    public async Task<Result<EvidenceFile>> AddAsync(Caller caller, OrderId orderId, string? disputeId, IFormFile file, CancellationToken ct)
    {
        var head = new byte[64];
        int headLength;
        await using (var stream = file.OpenReadStream())
        {
            headLength = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        }

        if (FileSignatures.Detect(head.AsSpan(0, headLength)) is not { } contentType)
        {
            return UnsupportedType;
        }

        var name = FileNames.Clean(file.FileName);
        var result = await commands.RunAsync<EvidenceFile>(
            orderId,
            order => disputeId is null ? caller.CanSee(order) : order.Dispute(disputeId) is { } d && caller.CanSee(order, d),
            (order, now) =>
            {
                var evidence = new EvidenceFile(EvidenceId.New(order.Id).ToString(), disputeId, caller.Key, name, contentType, file.Length, now);
                var added = order.AddEvidence(caller.Actor, disputeId, evidence, now);
                return added.IsSuccess ? evidence : added.Error!;
            },
            async (evidence, connection, tx) =>
            {
                await using var content = file.OpenReadStream();
                await EvidenceContent.WriteAsync(connection, tx, evidence.Id, content, ct);
            },
            ct);
        return result.Error is { } error ? error : result.Value!;
    }

    /// <summary>What a file that was erased (with its uploader's words) answers instead of its bytes.</summary>
    public static readonly DomainError Erased = new(ErrorCode.EvidenceErased, "This file was erased with its uploader's words; its name and bytes are gone.", ErrorKind.NotFound);

    /// <summary>
    /// A file and a stream of its bytes; not found when there is no such file or the caller may not
    /// see it (see <see cref="Order.MaySee"/>), <see cref="Erased"/> when it was erased.
    /// </summary>
    public async Task<Result<(EvidenceFile File, Stream Content)>> FindAsync(Caller caller, string evidenceId, CancellationToken ct)
    {
        var order = EvidenceId.Parse(evidenceId)?.OrderId is { } orderId ? await commands.ReadAsync(orderId, ct) : null;
        if (order?.Evidence.FirstOrDefault(f => f.Id == evidenceId) is not { } file
            || !(file.DisputeId is { } disputeId ? caller.CanSee(order, order.Dispute(disputeId)!) : caller.CanSee(order))
            || !order.MaySee(caller.Actor, file))
        {
            return OrderCommands.NotFound;
        }

        if (file.ErasedAt is not null)
        {
            return Erased;
        }

        return await contents.OpenAsync(evidenceId, ct) is { } content
            ? (file with { FileName = FileNames.Clean(file.FileName) }, content)
            : OrderCommands.NotFound;
    }
}
