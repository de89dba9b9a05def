using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;

namespace Arbiter.Domain.Orders;

/// <summary>Opening disputes and the evidence that goes with them.</summary>
public sealed partial class Order
{
    /// <summary>Longest description or message a party may write.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>The buyer opens a dispute on one line, while protection (or the post-completion window) runs.</summary>
    public Result<Dispute> OpenDispute(Actor actor, string? lineId, ClaimRequest request, DateTimeOffset now)
    {
        if (Guard(OrderAction.OpenDispute, actor, now) is { IsSuccess: false } refused)
        {
            return refused.Error!;
        }

        if (lineId is null || Line(lineId) is not { } line)
        {
            return DomainError.Invalid(ErrorCode.UnknownLine, "lineId does not name a line of this order.");
        }

        if (DisputeList.Any(d => d.LineId == line.Id && !d.IsFinished))
        {
            return DomainError.Conflict(ErrorCode.DisputeAlreadyOpen, "This line already has an open dispute.");
        }

        if (IsLineClosedForGood(line.Id) || Refundable(line).IsZero)
        {
            return DomainError.Conflict(ErrorCode.DisputeNotReopenable, "A dispute on this line was settled for good; it cannot be disputed again.");
        }

        var id = new DisputeId(Id, DisputeList.Count + 1).ToString();
        var claim = ValidateClaim(line, id, request);
        if (!claim.IsSuccess)
        {
            return claim.Error!;
        }

        var dispute = Domain.Disputes.Dispute.Open(this, id, line.Id, claim.Value!, actor, now);
        DisputeList.Add(dispute);
        AttachEvidence(claim.Value!.EvidenceIds, id);
        Record(now, actor, HistoryAction.DisputeOpened, $"{id} on line {line.Id}");
        return dispute;
    }

    /// <summary>Checks a claim against the taxonomy and what may still be refunded on the line.</summary>
    internal Result<Claim> ValidateClaim(OrderLine line, string disputeId, ClaimRequest request)
    {
        if (request.Received is not { } received)
        {
            return DomainError.Invalid(ErrorCode.ReceivedRequired, "Say whether the item was received.");
        }

        if (request.Reason is null || !Reasons.For(received).Contains(request.Reason))
        {
            return DomainError.Invalid(ErrorCode.InvalidReason, $"reason must be one of: {string.Join(", ", Reasons.For(received))}.");
        }

        if (request.Solution is not { } solution)
        {
            return DomainError.Invalid(ErrorCode.SolutionRequired, "solution.type must be refund_only or return_and_refund.");
        }

        var refundable = Refundable(line);
        var amount = request.Amount is { } asked ? Amount(asked) : refundable;
        if (!amount.IsPositive)
        {
            return DomainError.Invalid(ErrorCode.InvalidAmount, "The amount must be positive.");
        }

        if (amount > refundable)
        {
            return DomainError.Invalid(ErrorCode.AmountExceedsLineTotal, $"At most {refundable} can be refunded on this line (price plus shipping, less earlier refunds).");
        }

        if (!received && (amount != refundable || solution != Solution.RefundOnly))
        {
            return DomainError.Invalid(ErrorCode.NotReceivedRequiresFullRefund, "An item that never arrived is refunded in full, without a return.");
        }

        if (Reasons.IsBuyersOwnChoice(request.Reason) && solution != Solution.ReturnAndRefund)
        {
            return DomainError.Invalid(ErrorCode.ReturnRequired, "For this reason the item must be returned, at the buyer's cost.");
        }

        if (string.IsNullOrWhiteSpace(request.Description) || request.Description.Length > MaxTextLength)
        {
            return DomainError.Invalid(ErrorCode.DescriptionRequired, $"Describe the problem in 1 to {MaxTextLength} characters.");
        }

        var evidenceIds = request.EvidenceIds ?? [];
        if (evidenceIds.Any(e => !IsEvidenceOf(disputeId, e, BuyerId)))
        {
            return DomainError.Invalid(ErrorCode.UnknownEvidence, "evidenceIds must name files the buyer uploaded for this order.");
        }

        return new Claim(received, request.Reason, solution, amount, request.Description.Trim(), [.. evidenceIds]);
    }

    /// <summary>Keeps a file's description; the bytes live with the store.</summary>
    public Result AddEvidence(Actor actor, string? disputeId, EvidenceFile file, DateTimeOffset now)
    {
        if (Guard(OrderAction.AddEvidence, actor, now) is { IsSuccess: false } refused)
        {
            return refused;
        }

        if (disputeId is not null && Dispute(disputeId)!.Guard(DisputeAction.AddEvidence, actor, now) is { IsSuccess: false } closed)
        {
            return closed;
        }

        if (EvidenceLimitError(actor, disputeId, file) is { } limit)
        {
            return limit;
        }

        if (disputeId is not null)
        {
            Dispute(disputeId)!.Record(now, actor, HistoryAction.EvidenceAdded, $"{file.Id} {file.FileName} ({file.ContentType}, {file.Size} bytes)");
        }

        EvidenceList.Add(file with { DisputeId = disputeId, UploadedBy = actor.Id!, At = now });
        return Result.Ok;
    }

    /// <summary>What one account has uploaded to a dispute (or to the order before one) is capped in number and bytes.</summary>
    private DomainError? EvidenceLimitError(Actor actor, string? disputeId, EvidenceFile file)
    {
        var theirs = EvidenceList.Where(f => f.UploadedBy == actor.Id && f.DisputeId == disputeId).ToList();
        return theirs.Count >= Policy.MaxEvidenceFilesPerParty || theirs.Sum(f => f.Size) + file.Size > Policy.MaxEvidenceBytesPerParty
            ? DomainError.Conflict(
                ErrorCode.EvidenceLimitReached,
                $"One party may add at most {Policy.MaxEvidenceFilesPerParty} files, {Policy.MaxEvidenceBytesPerParty / (1024 * 1024)} MB in all, to a dispute.")
            : null;
    }

    /// <summary>
    /// A file is its uploader's (and the platform's) until it is attached to a dispute: a buyer's
    /// photos are not the seller's to read before the buyer chooses to show them.
    /// </summary>
    public bool MaySee(Actor actor, EvidenceFile file) =>
        IsKnownTo(actor) && (file.DisputeId is not null || actor.Role == Role.Platform || (actor.Role is Role.Buyer or Role.Seller && actor.Id == file.UploadedBy));

    /// <summary>Whether the uploader's file belongs to this dispute or to no dispute yet.</summary>
    internal bool IsEvidenceOf(string disputeId, string evidenceId, string uploader) =>
        EvidenceList.Exists(f => f.Id == evidenceId && f.UploadedBy == uploader && (f.DisputeId is null || f.DisputeId == disputeId));

    internal void AttachEvidence(IEnumerable<string> evidenceIds, string disputeId)
    {
        foreach (var evidenceId in evidenceIds)
        {
            var index = EvidenceList.FindIndex(f => f.Id == evidenceId);
            EvidenceList[index] = EvidenceList[index] with { DisputeId = disputeId };
        }
    }
}
