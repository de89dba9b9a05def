using Arbiter.Domain.Common;

namespace Arbiter.Domain.Orders;

/// <summary>
/// Asking for more time is a button, not a chat message: the buyer asks the seller to extend
/// protection, the seller asks the buyer to extend processing time, the other party answers in
/// the product, and silence lets the request expire. Only the platform extends on its own.
/// </summary>
public sealed partial class Order
{
    /// <summary>The buyer asks the seller for more protection; accepting extends it like the seller's own extension.</summary>
    public Result<ExtensionRequest> RequestProtectionExtension(Actor buyer, int days, string? reason, DateTimeOffset now)
    {
        if (Guard(OrderAction.RequestProtectionExtension, buyer, now) is { IsSuccess: false } refused)
        {
            return refused.Error!;
        }

        return Request(ExtensionKind.Protection, buyer, days, reason, now);
    }

    /// <summary>The other party answers a pending request: the seller one for protection, the buyer one for processing time.</summary>
    public Result AnswerExtensionRequest(Actor actor, string requestId, bool accept, DateTimeOffset now)
    {
        if (!IsKnownTo(actor))
        {
            return NotFound;
        }

        if (actor.Role is not (Role.Buyer or Role.Seller))
        {
            return Forbidden(actor, "answer a request for more time");
        }

        if (ExtensionRequestList.Find(r => r.Id == requestId) is not { } request)
        {
            return DomainError.NotFound(ErrorCode.ExtensionRequestNotFound, "No such request for more time on this order.");
        }

        var action = request.Kind == ExtensionKind.Protection ? OrderAction.AnswerProtectionExtension : OrderAction.AnswerProcessingExtension;
        if (Guard(action, actor, now) is { IsSuccess: false } refused)
        {
            return refused;
        }

        if (request.Status != ExtensionRequestStatus.Pending)
        {
            return DomainError.Conflict(ErrorCode.ExtensionRequestNotPending, $"This request is {Words.Of(request.Status)}.");
        }

        if (accept && ExtensionError(request.Days, request.Kind == ExtensionKind.Protection ? ProtectionExtendedDays : ProcessingExtendedDays, MaximumOf(request.Kind)) is { } error)
        {
            return error;
        }

        Replace(request with { Status = accept ? ExtensionRequestStatus.Accepted : ExtensionRequestStatus.Declined, AnsweredAt = now });
        Record(now, actor, accept ? HistoryAction.ExtensionRequestAccepted : HistoryAction.ExtensionRequestDeclined, $"{request.Id}: {Words.Of(request.Kind)} +{request.Days} days");
        if (accept)
        {
            Extend(request.Kind, actor, request.Days, now);
        }

        return Result.Ok;
    }

    /// <summary>The seller asks the buyer for more processing time; the time moves once the buyer agrees.</summary>
    private Result<ExtensionRequest> RequestProcessingExtension(Actor seller, int days, DateTimeOffset now) =>
        Request(ExtensionKind.Processing, seller, days, null, now);

    private Result<ExtensionRequest> Request(ExtensionKind kind, Actor by, int days, string? reason, DateTimeOffset now)
    {
        if (ExtensionError(days, kind == ExtensionKind.Protection ? ProtectionExtendedDays : ProcessingExtendedDays, MaximumOf(kind)) is { } error)
        {
            return error;
        }

        if (reason?.Length > MaxTextLength)
        {
            return DomainError.Invalid(ErrorCode.TextTooLong, $"Write at most {MaxTextLength} characters.");
        }

        if (ExtensionRequestList.Any(r => r.Kind == kind && r.Status == ExtensionRequestStatus.Pending))
        {
            return DomainError.Conflict(ErrorCode.ExtensionRequestPending, "A request for more time is already waiting for its answer.");
        }

        var request = new ExtensionRequest($"er{ExtensionRequestList.Count + 1}", kind, days, reason?.Trim(), ExtensionRequestStatus.Pending, now, now + Policy.ExtensionRequestAnswer);
        ExtensionRequestList.Add(request);
        Record(now, by, HistoryAction.ExtensionRequested, $"{request.Id}: {Words.Of(kind)} +{days} days, to answer by {request.ExpiresAt:O}");
        return request;
    }

    private int MaximumOf(ExtensionKind kind) => kind == ExtensionKind.Protection ? Policy.MaxProtectionExtensionDays : Policy.MaxProcessingExtensionDays;

    private void Replace(ExtensionRequest request) =>
        ExtensionRequestList[ExtensionRequestList.FindIndex(r => r.Id == request.Id)] = request;

    /// <summary>The pending requests' timers: a reminder to the party who must answer, then the expiry.</summary>
    private IEnumerable<Deadline> ExtensionRequestDeadlines()
    {
        foreach (var request in ExtensionRequestList.Where(r => r.Status == ExtensionRequestStatus.Pending))
        {
            var remindAt = request.ExpiresAt - Policy.DeadlineReminder;
            if (!request.Reminded && Policy.DeadlineReminder > TimeSpan.Zero && remindAt > request.At)
            {
                yield return new Deadline(DeadlineKind.ExtensionRequestReminder, remindAt, Ref: request.Id);
            }

            yield return new Deadline(DeadlineKind.ExtensionRequestExpiry, request.ExpiresAt, Ref: request.Id);
        }
    }

    /// <summary>What a pending request would extend has ended (the order shipped, protection ran out, the order finished): it lapses.</summary>
    /// <param name="kind">The kind that lapses; null: every kind.</param>
    /// <param name="at">When it ended.</param>
    private void LapseRequests(ExtensionKind? kind, DateTimeOffset at)
    {
        foreach (var request in ExtensionRequestList.Where(r => r.Status == ExtensionRequestStatus.Pending && (kind is null || r.Kind == kind)).ToList())
        {
            Replace(request with { Status = ExtensionRequestStatus.Expired, AnsweredAt = at });
            Record(at, Actor.Clock, HistoryAction.ExtensionRequestExpired, $"{request.Id}: lapsed, the {(request.Kind == ExtensionKind.Protection ? "protection" : "processing time")} it would extend has ended");
        }
    }

    private void FireExtensionRequest(Deadline deadline)
    {
        var request = ExtensionRequestList.Single(r => r.Id == deadline.Ref);
        if (deadline.Kind == DeadlineKind.ExtensionRequestReminder)
        {
            Replace(request with { Reminded = true });
            Record(deadline.DueAt, Actor.Clock, HistoryAction.ExtensionRequestReminder, $"{request.Id}: the {(request.Kind == ExtensionKind.Protection ? "seller" : "buyer")} must answer by {request.ExpiresAt:O}");
            return;
        }

        Replace(request with { Status = ExtensionRequestStatus.Expired, AnsweredAt = deadline.DueAt });
        Record(deadline.DueAt, Actor.Clock, HistoryAction.ExtensionRequestExpired, $"{request.Id}: no answer, nothing changes");
    }
}
