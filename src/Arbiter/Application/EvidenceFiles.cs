using Arbiter.Api;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Storage;

namespace Arbiter.Application;

/// <summary>
/// Evidence files: added to an order (before its dispute is opened) or to a dispute, checked by
/// their content, never by their name, with the bytes stored in the same transaction as the
/// order's record; and read back by whoever may see the dispute they belong to.
/// </summary>
internal sealed class EvidenceFiles(OrderCommands commands, EvidenceContent contents)
{
    public static readonly DomainError UnsupportedType = DomainError.Invalid(
        ErrorCode.UnsupportedFileType, "Evidence must be a JPEG, PNG, GIF or WebP image, an MP4, MOV or WebM video, or a PDF.");

    /// <remarks>The caller has checked the file's size against the evidence limit.</remarks>
    public async Task<Result<EvidenceFile>> AddAsync(Caller caller, OrderId orderId, string? disputeId, IFormFile file, CancellationToken ct)
    {
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }

        if (FileSignatures.Detect(content) is not { } contentType)
        {
            return UnsupportedType;
        }

        var name = FileNames.Clean(file.FileName);
        var result = await commands.RunAsync<EvidenceFile>(
            orderId,
            order => disputeId is null ? caller.CanSee(order) : order.Dispute(disputeId) is { } d && caller.CanSee(order, d),
            (order, now) =>
            {
                var evidence = new EvidenceFile(EvidenceId.New(order.Id).ToString(), disputeId, caller.Key, name, contentType, content.Length, now);
                var added = order.AddEvidence(caller.Actor, disputeId, evidence, now);
                return added.IsSuccess ? evidence : added.Error!;
            },
            (evidence, connection, tx) => EvidenceContent.WriteAsync(connection, tx, evidence.Id, content),
            ct);
        return result.Error is { } error ? error : result.Value!;
    }

    /// <summary>A file and its bytes, or null when there is no such file or the caller may not see it (see <see cref="Order.MaySee"/>).</summary>
    public async Task<(EvidenceFile File, byte[] Content)?> FindAsync(Caller caller, string evidenceId, CancellationToken ct)
    {
        var order = EvidenceId.Parse(evidenceId)?.OrderId is { } orderId ? await commands.ReadAsync(orderId, ct) : null;
        if (order?.Evidence.FirstOrDefault(f => f.Id == evidenceId) is not { } file
            || !(file.DisputeId is { } disputeId ? caller.CanSee(order, order.Dispute(disputeId)!) : caller.CanSee(order))
            || !order.MaySee(caller.Actor, file)
            || await contents.ReadAsync(evidenceId, ct) is not { } content)
        {
            return null;
        }

        return (file with { FileName = FileNames.Clean(file.FileName) }, content);
    }
}
