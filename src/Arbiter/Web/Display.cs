using System.Globalization;
using Arbiter.Domain.Common;

namespace Arbiter.Web;

/// <summary>How pages say amounts, instants and status words to people.</summary>
internal static class Display
{
    /// <summary>An amount in minor units of a view's currency, e.g. <c>USD 22.99</c>.</summary>
    public static string Money(long minor, string currency) => Domain.Common.Money.Of(minor, currency).ToString();

    /// <summary>An amount in minor units as a form field's major-unit value, e.g. <c>22.99</c>.</summary>
    public static string Major(long minor, string currency) => Domain.Common.Money.Of(minor, currency).Major;

    /// <summary>Where a refund stands, in words: "sent (re_1)", "failed: card expired; tried again on ...".</summary>
    public static string Refund(Api.RefundView r) => r.Status switch
    {
        Domain.Orders.RefundStatus.Pending => r.Attempt > 1 ? $"waiting for the payment system (attempt {r.Attempt})" : "waiting for the payment system",
        Domain.Orders.RefundStatus.Sent => $"on its way{(r.Reference is { } sent ? $" ({sent})" : "")}, expected by {When(r.ExpectedBy)}",
        Domain.Orders.RefundStatus.Completed => $"paid{(r.UpdatedAt is { } at ? $" on {When(at)}" : "")}",
        Domain.Orders.RefundStatus.Cancelled => "withdrawn: the buyer's bank returns this money instead",
        _ when r.NeedsAttention => $"failed {r.Attempt} times ({r.FailureReason}): a mediator will retry it",
        _ => $"failed ({r.FailureReason}){(r.RetryAt is { } retry ? $"; tried again on {When(retry)}" : "")}",
    };

    /// <summary>A chargeback in words: what the bank took, why, and how the bank decided.</summary>
    public static string Chargeback(Api.ChargebackView c)
    {
        var took = $"A chargeback of {Money(c.Amount, c.Currency)} was reported on {When(c.CreatedAt)} ({c.Reason})";
        var decided = c.ClosedAt is { } at ? $" on {When(at)}" : "";
        return c.Status switch
        {
            Domain.Orders.ChargebackStatus.Won => $"{took}; the bank decided for the seller{decided}: the money came back.",
            Domain.Orders.ChargebackStatus.Lost => $"{took}; the bank decided for the buyer{decided}, who keeps the money.",
            _ when c.Overlap > 0 => $"{took}. The bank is deciding. {Money(c.Overlap, c.Currency)} of it was refunded already: it must be contested at the bank with the refund's reference, or it is paid twice.",
            _ => $"{took}. The bank is deciding: until then no dispute can be opened, and nothing more is released or refunded from that money.",
        };
    }

    /// <summary>What happens to the money next, as the dispute stands: a return first, the appeal window, or the refund going out.</summary>
    public static string NextForTheMoney(Domain.Disputes.Dispute d) => d switch
    {
        { Status: Domain.Disputes.DisputeStatus.AwaitingReturn } => "the buyer sends the item back first; the refund follows once its receipt is confirmed.",
        { Status: Domain.Disputes.DisputeStatus.Resolved, Settled: false, AppealDeadline: { } appealBy } =>
            $"the refund of {d.Outcome!.RefundAmount} goes out once the appeal window closes, on {When(appealBy)}.",
        { Outcome.RefundAmount.IsPositive: true } => $"the refund of {d.Outcome.RefundAmount} goes out.",
        _ => "nothing is refunded.",
    };

    public static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string When(DateTimeOffset at) => When(at.UtcDateTime);

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Time left until <paramref name="due"/>, e.g. <c>4 days 3 hours left</c>; the page's script keeps it running.</summary>
    public static string Left(DateTime due, DateTimeOffset now)
    {
        var left = due - now.UtcDateTime;
        if (left <= TimeSpan.Zero)
        {
            return "time is up";
        }

        return left.TotalDays >= 1 ? $"{(int)left.TotalDays} d {left.Hours} h left"
            : left.TotalHours >= 1 ? $"{left.Hours} h {left.Minutes} min left"
            : $"{Math.Max(left.Minutes, 1)} min left";
    }

    /// <summary>An enum or snake_case word for people: <c>AwaitingSellerResponse</c> becomes "awaiting seller response".</summary>
    public static string Word<T>(T value) where T : struct, Enum => Words.Of(value).Replace('_', ' ');

    public static string Word(string word) => word.Replace('_', ' ');

    /// <summary>What happens when a dispute's running deadline passes, said to the people waiting on it.</summary>
    public static string Deadline(Domain.DeadlineKind kind) => kind switch
    {
        Domain.DeadlineKind.SellerResponse => "The seller must answer by then, or the buyer's claim is accepted",
        Domain.DeadlineKind.Negotiation => "Agree by then, or a mediator takes over",
        Domain.DeadlineKind.InfoRequest => "The mediator's question must be answered by then",
        Domain.DeadlineKind.ReturnShipment => "The item must be shipped back by then, or the dispute closes without a refund",
        Domain.DeadlineKind.ReturnReceipt => "The seller must confirm the returned item by then, or the refund goes out",
        Domain.DeadlineKind.AppealWindow => "Either party may appeal the decision until then",
        Domain.DeadlineKind.WaitEnds => "The wait for the parcel ends then; without word from the buyer the dispute resumes, and the buyer stays protected",
        Domain.DeadlineKind.ReplacementShipment => "The seller must ship the replacement by then, or the buyer's claim is granted",
        Domain.DeadlineKind.ReplacementReceipt => "The buyer says by then whether the replacement came and is right; without word the seller is paid",
        _ => Word(kind),
    };
}
