using System.Globalization;
using Arbiter.Api;
using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;

namespace Arbiter.Web.Localization;

/// <summary>What refunds, chargebacks, reasons, warnings and deadlines mean for the people waiting on them.</summary>
internal sealed partial class Wording
{
    /// <summary>Where a refund stands: "on its way (re_1), expected by ...", "failed: card expired; tried again on ...".</summary>
    public string Refund(RefundView r) => r.Status switch
    {
        RefundStatus.Pending => r.Attempt > 1 ? this["Refund.PendingAgain", r.Attempt] : this["Refund.Pending"],
        RefundStatus.Sent => r.Reference is { } sent ? this["Refund.SentWithReference", sent, When(r.ExpectedBy)] : this["Refund.Sent", When(r.ExpectedBy)],
        RefundStatus.Completed => r.UpdatedAt is { } at ? this["Refund.CompletedOn", When(at)] : this["Refund.Completed"],
        RefundStatus.Cancelled => this["Refund.Cancelled"],
        _ when r.NeedsAttention => this["Refund.NeedsAttention", r.Attempt, r.FailureReason],
        _ => r.RetryAt is { } retry ? this["Refund.FailedRetry", r.FailureReason, When(retry)] : this["Refund.Failed", r.FailureReason],
    };

    /// <summary>A chargeback: what the bank took, why, and how the bank decided.</summary>
    public string Chargeback(ChargebackView c)
    {
        var took = this["Chargeback.Took", Money(c.Amount, c.Currency), When(c.CreatedAt), c.Reason];
        var decided = c.ClosedAt is { } at ? When(at) : "";
        return c.Status switch
        {
            ChargebackStatus.Won => this["Chargeback.Won", took, decided],
            ChargebackStatus.Lost => this["Chargeback.Lost", took, decided],
            _ when c.Overlap > 0 => this["Chargeback.Overlap", took, Money(c.Overlap, c.Currency)],
            _ => this["Chargeback.Open", took],
        };
    }

    /// <summary>What happens to the money next as the dispute stands: a return first, the appeal window, or the refund going out.</summary>
    public string NextForTheMoney(Dispute d) => d switch
    {
        { Status: DisputeStatus.AwaitingReturn } => this["Next.ReturnFirst"],
        { Status: DisputeStatus.Resolved, Settled: false, AppealDeadline: { } appealBy } => this["Next.AfterAppealWindow", Money(d.Outcome!.RefundAmount), When(appealBy)],
        { Outcome.RefundAmount.IsPositive: true } => this["Next.RefundGoesOut", Money(d.Outcome.RefundAmount)],
        _ => this["Next.NothingRefunded"],
    };

    /// <summary>What happens when a dispute's running deadline passes, said to the people waiting on it.</summary>
    public string Deadline(DeadlineKind kind) => this[$"Deadline.{kind}"];

    /// <summary>A reason of the taxonomy as a buyer reads it.</summary>
    public string Reason(string reason) => Either($"Reason.{reason}", "Reason.Other");

    /// <summary>What the message screening's warning means for the buyer.</summary>
    public string Warning(string warning) => Either($"Warning.{warning}", "Warning.Other");

    /// <summary>Who did something, by name: "you", "Bea Buyer (buyer)", "a buyer whose account was erased", "Arbiter" for the clock, "the marketplace".</summary>
    public string Who(string actor, People people)
    {
        var (role, id) = People.Split(actor);
        if (id is null || role is null)
        {
            return role is Role.Clock or null ? this["Who.Clock"] : this["Who.Platform"];
        }

        if (id == people.Me)
        {
            return this["Who.You"];
        }

        return people.Names.TryGetValue(id, out var name)
            ? name.Length == 0 ? this["Who.Erased", Word(role.Value)] : this["Who.Named", name, Word(role.Value)]
            : this["Who.Someone", Word(role.Value)];
    }

    /// <summary>What someone wrote, or that it was erased (on their request, or by the retention policy).</summary>
    public string Said(string text) => text.Length == 0 ? this["Text.Erased"] : text;

    /// <summary>Why something was refused, in the reader's language; the domain's own sentence where no translation says more.</summary>
    public string Problem(DomainError error) =>
        reader.Culture.TwoLetterISOLanguageName == "en" ? error.Message : Either($"Error.{error.Code}", "Error.Other");

    /// <summary>
    /// A region (ISO 3166 alpha-2) by its name in the reader's language. .NET names regions only in
    /// English or their own language; ICU names them in any, as the region of a culture's display
    /// name ("неизвестный язык (Германия)"), which is where the name is taken from.
    /// </summary>
    public string Region(string code)
    {
        if (code.Length != 2 || !code.All(char.IsAsciiLetter))
        {
            return code;
        }

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = reader.Culture;
        try
        {
            var name = new CultureInfo($"und-{code}").DisplayName;
            var (open, close) = (name.LastIndexOfAny(['(', '（']), name.LastIndexOfAny([')', '）']));
            return open >= 0 && close > open + 1 ? name[(open + 1)..close] : code;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
