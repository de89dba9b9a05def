using Arbiter.Domain.Common;

namespace Arbiter.Domain.Orders;

/// <summary>
/// Refunds on their way out: the platform's payment system reports each one sent, completed or
/// failed. A failed refund is asked for again after a pause, twice; then it waits for a mediator
/// or the platform to retry it. Its money stays owed to the buyer in the ledger all along: a
/// refund is never lost, and never paid twice by Arbiter.
/// </summary>
public sealed partial class Order
{
    /// <summary>How many times a refund is asked for before it needs a person.</summary>
    public const int RefundAttempts = 3;

    public Refund? Refund(string refundId) => RefundList.Find(r => r.Id == refundId);

    /// <summary>The payment system took the refund on; reporting it again changes nothing.</summary>
    public Result ReportRefundSent(string refundId, string? reference, Actor actor, DateTimeOffset now) =>
        Report(refundId, HistoryAction.RefundSent, actor, now, r => r.Status switch
        {
            RefundStatus.Pending => r with { Status = RefundStatus.Sent, Reference = Clean(reference) ?? r.Reference, UpdatedAt = now },
            RefundStatus.Sent => r,
            _ => RefundConflict(r, "sent"),
        });

    /// <summary>The money reached the buyer; a late "completed" after a failure report wins, since the money arrived. A withdrawn refund stays withdrawn.</summary>
    public Result ReportRefundCompleted(string refundId, string? reference, Actor actor, DateTimeOffset now) =>
        Report(refundId, HistoryAction.RefundCompleted, actor, now, r => r.Status switch
        {
            RefundStatus.Completed => r,
            RefundStatus.Cancelled => RefundConflict(r, "completed"),
            _ => r with { Status = RefundStatus.Completed, Reference = Clean(reference) ?? r.Reference, RetryAt = null, NeedsAttention = false, UpdatedAt = now },
        });

    /// <summary>The payment failed: asked for again after a pause, or, after the last attempt, left for a person.</summary>
    public Result ReportRefundFailed(string refundId, string? reason, Actor actor, DateTimeOffset now) =>
        Report(refundId, HistoryAction.RefundFailed, actor, now, r => Clean(reason) is not { } why
            ? DomainError.Invalid(ErrorCode.ReasonRequired, "Say why the refund failed (reason).")
            : r.Status switch
        {
            RefundStatus.Pending or RefundStatus.Sent => r.Attempt < RefundAttempts
                ? r with { Status = RefundStatus.Failed, FailureReason = why, RetryAt = now + RetryPause(r.Attempt), UpdatedAt = now }
                : r with { Status = RefundStatus.Failed, FailureReason = why, NeedsAttention = true, UpdatedAt = now },
            RefundStatus.Failed => r,
            _ => RefundConflict(r, "failed"),
        });

    /// <summary>A mediator or the platform asks for a failed refund again, at once.</summary>
    public Result RetryRefund(string refundId, Actor actor, DateTimeOffset now)
    {
        if (Refund(refundId) is not { } refund)
        {
            return RefundNotFound;
        }

        if (Guard(OrderAction.RetryRefund, actor, now) is { IsSuccess: false } refused)
        {
            return refused;
        }

        if (refund.Status != RefundStatus.Failed)
        {
            return RefundConflict(refund, "retried");
        }

        RequestRefundAgain(refundId, actor, now);
        return Result.Ok;
    }

    private static readonly DomainError RefundNotFound = DomainError.NotFound(ErrorCode.NotFound, "No such refund.");

    /// <summary>A day after the first failure, two after the second.</summary>
    private static TimeSpan RetryPause(int attempt) => TimeSpan.FromDays(Math.Pow(2, attempt - 1));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, 500)];

    private static DomainError RefundConflict(Refund refund, string what) => refund.WithdrawnFor is { } chargeback
        ? DomainError.Conflict(ErrorCode.InvalidRefundState, $"Refund {refund.Id} was withdrawn when chargeback {chargeback} arrived and cannot be {what}; if it was paid anyway, contest the chargeback with the refund's reference.")
        : DomainError.Conflict(ErrorCode.InvalidRefundState, $"Refund {refund.Id} is {refund.Status.ToString().ToLowerInvariant()} and cannot be {what}.");

    private void RequestRefundAgain(string refundId, Actor actor, DateTimeOffset now)
    {
        var index = RefundList.FindIndex(r => r.Id == refundId);
        var refund = RefundList[index] with { Status = RefundStatus.Pending, Attempt = RefundList[index].Attempt + 1, RetryAt = null, NeedsAttention = false, UpdatedAt = now };
        RefundList[index] = refund;
        Record(now, actor, HistoryAction.RefundRetried, $"{refundId}: attempt {refund.Attempt}", refundId);
    }

    /// <summary>Applies a report; a report that changes nothing (a repeat) records nothing.</summary>
    private Result Report(string refundId, HistoryAction reported, Actor actor, DateTimeOffset now, Func<Refund, Result<Refund>> apply)
    {
        var index = RefundList.FindIndex(r => r.Id == refundId);
        if (index < 0)
        {
            return RefundNotFound;
        }

        if (Guard(OrderAction.ReportRefund, actor, now) is { IsSuccess: false } refused)
        {
            return refused;
        }

        var before = RefundList[index];
        var after = apply(before);
        if (!after.IsSuccess)
        {
            return after.Error!;
        }

        if (after.Value == before)
        {
            return Result.Ok;
        }

        RefundList[index] = after.Value!;
        var details = reported == HistoryAction.RefundFailed ? $"{refundId}: {after.Value!.FailureReason}" : $"{refundId}{(after.Value!.Reference is { } r ? $" ({r})" : "")}";
        Record(now, actor, reported, details, refundId);
        if (after.Value!.NeedsAttention)
        {
            Record(now, actor, HistoryAction.RefundNeedsAttention, $"{refundId}: failed {after.Value.Attempt} times; a mediator or the platform must retry it", refundId);
        }

        return Result.Ok;
    }
}
