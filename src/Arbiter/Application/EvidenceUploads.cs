using Arbiter.Api;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Storage;

namespace Arbiter.Application;

/// <summary>
/// Adds an evidence file to an order (before its dispute is opened) or to a dispute, checked by its
/// content, never by its name; the bytes are stored in the same transaction as the order's record.
/// </summary>
internal sealed class EvidenceUploads(OrderCommands commands)
{
    public static readonly DomainError UnsupportedType = DomainError.Invalid(
        "unsupported_file_type", "Evidence must be a JPEG, PNG, GIF or WebP image, an MP4, MOV or WebM video, or a PDF.");

    public async Task<Result<EvidenceFile>> AddAsync(Caller caller, string orderId, string? disputeId, string fileName, byte[] content, CancellationToken ct)
    {
        if (FileSignatures.Detect(content) is not { } contentType)
        {
            return UnsupportedType;
        }

        var name = Path.GetFileName(fileName);
        var result = await commands.RunAsync<EvidenceFile>(
            orderId,
            order => disputeId is null ? caller.CanSee(order) : order.Dispute(disputeId) is { } d && caller.CanSee(order, d),
            (order, now) =>
            {
                var evidence = new EvidenceFile($"{order.Id}-e{order.Evidence.Count + 1}", disputeId, caller.Key, name.Length is > 0 and <= 200 ? name : "evidence", contentType, content.Length, now);
                var added = order.AddEvidence(caller.Actor, disputeId, evidence, now);
                return added.IsSuccess ? evidence : added.Error!;
            },
            (evidence, connection, tx) => EvidenceContent.WriteAsync(connection, tx, evidence.Id, content),
            ct);
        return result.Error is { } error ? error : result.Value!;
    }
}
