using Arbiter.Application;
using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;

namespace Arbiter.Api;

internal sealed record SolutionView(Solution Type, long Amount);

internal sealed record ClaimView(bool Received, string Reason, SolutionView Solution, string Description, IReadOnlyList<string> EvidenceIds);

/// <summary>A dispute in mediation; <c>assignee</c> is the mediator account it is assigned to, if any.</summary>
internal sealed record EscalationView(EscalationStatus Status, DateTime EscalatedAt, string By, string? Note, bool Appealed, string? Assignee, DateTime? AssignedAt);

internal sealed record OfferView(string Id, OfferType Type, long Amount, OfferStatus Status, string? Note, DateTime At, int? Days)
{
    public static OfferView Of(Offer offer) => new(offer.Id, offer.Type, offer.Amount.Minor, offer.Status, offer.Note, offer.At.UtcDateTime, offer.Days);
}

/// <summary>The seller's promise the buyer accepted: what it is, until when its current step runs, and the replacement's shipment.</summary>
internal sealed record PromiseView(string OfferId, OfferType Type, DateTime AcceptedAt, DateTime DueAt, bool Running, string? Carrier, string? TrackingNumber, DateTime? ShippedAt)
{
    public static PromiseView Of(Dispute d, Promise p) =>
        new(p.OfferId, p.Type, p.AcceptedAt.UtcDateTime, p.DueAt.UtcDateTime, d.AwaitsPromise, p.Carrier, p.TrackingNumber, p.ShippedAt?.UtcDateTime);
}

internal sealed record DeadlineView(DeadlineKind Kind, DateTime DueAt)
{
    public static DeadlineView Of(Deadline deadline) => new(deadline.Kind, deadline.DueAt.UtcDateTime);
}

internal sealed record OutcomeView(long RefundAmount, bool ReturnRequired, DecidedBy DecidedBy, DateTime DecidedAt, string? Note, Party? ReturnShippingPaidBy, bool Final);

internal sealed record AppealView(Party By, string Reason, DateTime At);

internal sealed record ReturnView(DateTime ShipBy, Party ShippingPaidBy, string? Carrier, string? TrackingNumber, DateTime? ShippedAt, DateTime? DeliveredAt);

internal sealed record AnswerView(Party Party, string Text, IReadOnlyList<string> EvidenceIds, DateTime At);

internal sealed record InfoRequestView(string Id, IReadOnlyList<Party> From, string Question, DateTime AskedAt, DateTime DueAt, bool Open, IReadOnlyList<AnswerView> Answers)
{
    public static InfoRequestView Of(InfoRequest r) => new(
        r.Id, r.Parties, r.Question, r.AskedAt.UtcDateTime, r.DueAt.UtcDateTime, !r.Closed, [.. r.Answers.Select(a => new AnswerView(a.Party, a.Text, a.EvidenceIds, a.At.UtcDateTime))]);
}

internal sealed record MessageView(string Id, DateTime At, string Author, string Text, IReadOnlyList<string> Warnings)
{
    public static MessageView Of(Message m) => new(m.Id, m.At.UtcDateTime, m.Author, m.Text, m.Warnings);
}

internal sealed record EvidenceView(string Id, string FileName, string ContentType, long Size, string UploadedBy, DateTime At)
{
    public static EvidenceView Of(EvidenceFile f) => new(f.Id, FileNames.Clean(f.FileName), f.ContentType, f.Size, f.UploadedBy, f.At.UtcDateTime);
}

/// <summary>A dispute as one caller sees it, with what that caller may do now.</summary>
internal sealed record DisputeView(
    string Id,
    string OrderId,
    string LineId,
    string Currency,
    DisputeStatus Status,
    EscalationView? Escalation,
    ClaimView Claim,
    long RefundableAmount,
    IReadOnlyList<OfferView> Offers,
    DeadlineView? Deadline,
    IReadOnlyList<DeadlineView> Deadlines,
    OutcomeView? Outcome,
    DateTime? AppealDeadline,
    AppealView? Appeal,
    ReturnView? Return,
    PromiseView? Promise,
    IReadOnlyList<InfoRequestView> InfoRequests,
    IReadOnlyList<MessageView> Messages,
    IReadOnlyList<EvidenceView> Evidence,
    DateTime OpenedAt,
    DateTime? FinishedAt,
    IReadOnlyList<HistoryView> History,
    IReadOnlyList<string> AllowedActions,
    IReadOnlyList<RefundView> Refunds)
{
    public static DisputeView Of(Order order, Dispute d, Caller caller, DateTimeOffset now) => new(
        d.Id,
        order.Id.Value,
        d.LineId,
        order.Currency.Code,
        d.Status,
        d.Escalation is { } e && d.EscalationStatus is { } status ? new EscalationView(status, e.At.UtcDateTime, e.By, e.Note, e.Appealed, e.Assignee, e.AssignedAt?.UtcDateTime) : null,
        new ClaimView(d.Claim.Received, d.Claim.Reason, new SolutionView(d.Claim.Solution, d.Claim.Amount.Minor), d.Claim.Description, d.Claim.EvidenceIds),
        order.Refundable(order.Line(d.LineId)!).Minor,
        [.. d.Offers.Select(OfferView.Of)],
        d.CurrentDeadline is { } deadline ? DeadlineView.Of(deadline) : null,
        [.. d.Running().Select(DeadlineView.Of)],
        d.Outcome is { } o ? new OutcomeView(o.RefundAmount.Minor, o.ReturnRequired, o.DecidedBy, o.DecidedAt.UtcDateTime, o.Note, o.ReturnShippingPaidBy, d.AppealDeadline is null) : null,
        d.AppealDeadline?.UtcDateTime,
        d.Appeal is { } a ? new AppealView(a.By, a.Reason, a.At.UtcDateTime) : null,
        d.Return is { } r ? new ReturnView(r.ShipBy.UtcDateTime, r.ShippingPaidBy, r.Carrier, r.TrackingNumber, r.ShippedAt?.UtcDateTime, r.DeliveredAt?.UtcDateTime) : null,
        d.Promise is { } promise ? PromiseView.Of(d, promise) : null,
        [.. (d.Escalation?.InfoRequests ?? []).Select(InfoRequestView.Of)],
        [.. d.Messages.Select(MessageView.Of)],
        [.. order.Evidence.Where(f => f.DisputeId == d.Id).Select(EvidenceView.Of)],
        d.OpenedAt.UtcDateTime,
        d.FinishedAt?.UtcDateTime,
        HistoryView.Of(d.History),
        [.. d.AllowedActions(caller.Actor, now).Select(Words.Of)],
        [.. order.Refunds.Where(r => r.DisputeId == d.Id).Select(r => RefundView.Of(order, r))]);
}

internal sealed record AccountCreatedView(string Id, string Role, string Token);

internal sealed record SignInLinkView(string Url, DateTime ExpiresAt);

internal sealed record ClockView(DateTime Now);

internal sealed record MailPreferencesView(bool Reminders);
