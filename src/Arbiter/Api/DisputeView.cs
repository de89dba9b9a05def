using Arbiter.Privacy;
using Arbiter.Application;
using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;

namespace Arbiter.Api;

/// <summary>What the buyer asks for.</summary>
/// <param name="Type">A refund only, or a refund once the item is returned.</param>
/// <param name="Amount">The refund asked for, in minor units.</param>
internal sealed record SolutionView(Solution Type, long Amount);

/// <summary>The buyer's claim, as it stands now (the buyer may change it while negotiating).</summary>
/// <param name="Received">Whether the item arrived.</param>
/// <param name="Reason">Why the buyer disputes, as a reason word (<c>not_received_in_transit</c>, <c>not_as_described</c>, ...).</param>
/// <param name="Solution">What the buyer asks for.</param>
/// <param name="Description">What happened, in the buyer's words.</param>
/// <param name="EvidenceIds">The evidence files the claim cites.</param>
internal sealed record ClaimView(bool Received, string Reason, SolutionView Solution, string Description, IReadOnlyList<string> EvidenceIds);

/// <summary>The dispute in mediation.</summary>
/// <param name="Status">Where mediation stands: under review, or waiting for an answer from a party.</param>
/// <param name="EscalatedAt">When the dispute reached mediation (UTC).</param>
/// <param name="By">Who took it there: An actor as <c>role:id</c> (<c>buyer:b1</c>, <c>mediator:usr:42</c>), or <c>platform</c> or <c>clock</c>.</param>
/// <param name="Note">What they said when escalating.</param>
/// <param name="Appealed">Whether this mediation hears an appeal against an earlier decision.</param>
/// <param name="Assignee">The mediator account the dispute is assigned to; null until the assigner or a mediator gives it to one.</param>
/// <param name="AssignedAt">When it was assigned (UTC).</param>
internal sealed record EscalationView(EscalationStatus Status, DateTime EscalatedAt, string By, string? Note, bool Appealed, string? Assignee, DateTime? AssignedAt);

/// <summary>An offer the seller made.</summary>
/// <param name="Id">The offer's id within the dispute (opaque).</param>
/// <param name="Type">What the seller offers.</param>
/// <param name="Amount">The refund offered, in minor units; 0 for offers that refund nothing.</param>
/// <param name="Status">Whether the buyer still has to answer, accepted or declined it, or a later offer replaced it.</param>
/// <param name="Note">The seller's words to the buyer.</param>
/// <param name="At">When it was made (UTC).</param>
/// <param name="Days">How many days the buyer is asked to wait (<c>wait_for_delivery</c> only).</param>
internal sealed record OfferView(string Id, OfferType Type, long Amount, OfferStatus Status, string? Note, DateTime At, int? Days)
{
    public static OfferView Of(Offer offer) => new(offer.Id, offer.Type, offer.Amount.Minor, offer.Status, offer.Note, offer.At.UtcDateTime, offer.Days);
}

/// <summary>The seller's promise the buyer accepted: a wait for the parcel, or a replacement to ship and then to arrive.</summary>
/// <param name="OfferId">The accepted offer.</param>
/// <param name="Type"><c>wait_for_delivery</c> or <c>replacement</c>.</param>
/// <param name="AcceptedAt">When the buyer accepted it (UTC).</param>
/// <param name="DueAt">The deadline of its current step: the wait's end, the replacement's ship-by date, or the end of the buyer's time to report on it (UTC).</param>
/// <param name="Running">Whether the dispute still waits on the promise.</param>
/// <param name="Carrier">The replacement's carrier, once shipped.</param>
/// <param name="TrackingNumber">The replacement's tracking number, once shipped.</param>
/// <param name="ShippedAt">When the replacement was shipped (UTC).</param>
internal sealed record PromiseView(string OfferId, OfferType Type, DateTime AcceptedAt, DateTime DueAt, bool Running, string? Carrier, string? TrackingNumber, DateTime? ShippedAt)
{
    public static PromiseView Of(Dispute d, Promise p) =>
        new(p.OfferId, p.Type, p.AcceptedAt.UtcDateTime, p.DueAt.UtcDateTime, d.AwaitsPromise, p.Carrier, p.TrackingNumber, p.ShippedAt?.UtcDateTime);
}

/// <summary>A timer that runs: when it is due and what happens then.</summary>
/// <param name="Kind">Which timer; what it does when due is in the dispute state machine (<c>docs/state-machines.md</c>).</param>
/// <param name="DueAt">When it fires (UTC).</param>
internal sealed record DeadlineView(DeadlineKind Kind, DateTime DueAt)
{
    public static DeadlineView Of(Deadline deadline) => new(deadline.Kind, deadline.DueAt.UtcDateTime);
}

/// <summary>How the dispute ended, or will end once the appeal window closes.</summary>
/// <param name="RefundAmount">What the buyer gets back, in minor units; 0 when the seller keeps the money.</param>
/// <param name="ReturnRequired">Whether the item goes back to the seller before the refund.</param>
/// <param name="DecidedBy">Who or what decided: a party's act, a lapsed deadline, a mediator, or a chargeback.</param>
/// <param name="DecidedAt">When (UTC).</param>
/// <param name="Note">The mediator's reasons, for a mediator's decision.</param>
/// <param name="ReturnShippingPaidBy">Who pays to send the item back, when it goes back.</param>
/// <param name="Final">Whether the outcome can no longer be appealed: false while <c>appealDeadline</c> is ahead.</param>
internal sealed record OutcomeView(long RefundAmount, bool ReturnRequired, DecidedBy DecidedBy, DateTime DecidedAt, string? Note, Party? ReturnShippingPaidBy, bool Final);

/// <summary>A party's appeal against a mediator's decision.</summary>
/// <param name="By">Which party appealed.</param>
/// <param name="Reason">Why, in their words.</param>
/// <param name="At">When (UTC).</param>
internal sealed record AppealView(Party By, string Reason, DateTime At);

/// <summary>The item's return to the seller.</summary>
/// <param name="ShipBy">By when the buyer must send it back (UTC); after that the dispute resolves for the seller.</param>
/// <param name="ShippingPaidBy">Who pays to send it back.</param>
/// <param name="Carrier">The return's carrier, once shipped.</param>
/// <param name="TrackingNumber">The return's tracking number, once shipped.</param>
/// <param name="ShippedAt">When the buyer shipped it (UTC).</param>
/// <param name="DeliveredAt">When the platform reported it delivered to the seller (UTC).</param>
internal sealed record ReturnView(DateTime ShipBy, Party ShippingPaidBy, string? Carrier, string? TrackingNumber, DateTime? ShippedAt, DateTime? DeliveredAt);

/// <summary>A party's answer to a mediator's question.</summary>
/// <param name="Party">Who answered.</param>
/// <param name="Text">The answer.</param>
/// <param name="EvidenceIds">The evidence files the answer cites.</param>
/// <param name="At">When (UTC).</param>
internal sealed record AnswerView(Party Party, string Text, IReadOnlyList<string> EvidenceIds, DateTime At);

/// <summary>A mediator's question to one party or both, each answering separately.</summary>
/// <param name="Id">The question's id within the dispute (opaque).</param>
/// <param name="From">Who must answer.</param>
/// <param name="Question">What the mediator asks.</param>
/// <param name="AskedAt">When it was asked (UTC).</param>
/// <param name="DueAt">By when to answer (UTC), counted in the answerer's business days.</param>
/// <param name="Open">Whether it still waits for an answer.</param>
/// <param name="Answers">The answers so far.</param>
internal sealed record InfoRequestView(string Id, IReadOnlyList<Party> From, string Question, DateTime AskedAt, DateTime DueAt, bool Open, IReadOnlyList<AnswerView> Answers)
{
    public static InfoRequestView Of(InfoRequest r) => new(
        r.Id, r.Parties, r.Question, r.AskedAt.UtcDateTime, r.DueAt.UtcDateTime, !r.Closed, [.. r.Answers.Select(a => new AnswerView(a.Party, a.Text, a.EvidenceIds, a.At.UtcDateTime))]);
}

/// <summary>A message inside the dispute.</summary>
/// <param name="Id">The message's id within the dispute (opaque).</param>
/// <param name="At">When it was written (UTC).</param>
/// <param name="Author">Who wrote it: An actor as <c>role:id</c> (<c>buyer:b1</c>, <c>mediator:usr:42</c>), or <c>platform</c> or <c>clock</c>.</param>
/// <param name="Text">What they wrote.</param>
/// <param name="Warnings">What the buyer should beware of in a message from the other side: <c>asks_to_cancel_dispute</c>, <c>asks_to_pay_outside_platform</c>, <c>asks_to_confirm_receipt_early</c>, <c>offers_review_trade</c>.</param>
internal sealed record MessageView(string Id, DateTime At, string Author, string Text, IReadOnlyList<string> Warnings)
{
    public static MessageView Of(Message m) => new(m.Id, m.At.UtcDateTime, m.Author, m.Text, m.Warnings);
}

/// <summary>An evidence file.</summary>
/// <param name="Id">The file's id (opaque), to cite in a claim or an answer and to download.</param>
/// <param name="FileName">Its name as uploaded, cleaned of paths and control characters.</param>
/// <param name="ContentType">Its media type as Arbiter found it (<c>image/jpeg</c>, <c>application/pdf</c>).</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="UploadedBy">Who uploaded it: An actor as <c>role:id</c> (<c>buyer:b1</c>, <c>mediator:usr:42</c>), or <c>platform</c> or <c>clock</c>.</param>
/// <param name="At">When (UTC).</param>
/// <param name="ErasedAt">When it was erased with its uploader's words (UTC): its name is empty, and downloading it answers 410.</param>
internal sealed record EvidenceView(string Id, string FileName, string ContentType, long Size, string UploadedBy, DateTime At, DateTime? ErasedAt)
{
    public static EvidenceView Of(EvidenceFile f) => new(f.Id, FileNames.Clean(f.FileName), f.ContentType, f.Size, f.UploadedBy, f.At.UtcDateTime, f.ErasedAt?.UtcDateTime);
}

/// <summary>A dispute as one caller sees it, with what that caller may do now.</summary>
/// <param name="Id">The dispute's id (opaque).</param>
/// <param name="OrderId">The order it is on.</param>
/// <param name="LineId">The order line it is about.</param>
/// <param name="Currency">The order's ISO 4217 currency, which every amount is in.</param>
/// <param name="Status">Where the dispute stands.</param>
/// <param name="Escalation">The mediation, once the dispute reached it.</param>
/// <param name="Claim">What the buyer claims.</param>
/// <param name="RefundableAmount">What the line can still refund, in minor units: its price and shipping less refunds and chargebacks.</param>
/// <param name="Offers">Every offer the seller made, oldest first.</param>
/// <param name="Deadline">The timer that decides what happens next, if any.</param>
/// <param name="Deadlines">Every timer that runs on the dispute.</param>
/// <param name="Outcome">How it ended or will end, once decided.</param>
/// <param name="AppealDeadline">Until when a party may appeal a mediator's decision (UTC); null when there is nothing to appeal.</param>
/// <param name="Appeal">The appeal, if a party appealed.</param>
/// <param name="Return">The item's return, when the outcome needs one.</param>
/// <param name="Promise">The seller's promise the buyer accepted, if any.</param>
/// <param name="InfoRequests">The mediator's questions and their answers.</param>
/// <param name="Messages">The messages, oldest first.</param>
/// <param name="Evidence">The files uploaded to the dispute.</param>
/// <param name="OpenedAt">When the buyer opened it (UTC).</param>
/// <param name="FinishedAt">When it was resolved or cancelled (UTC).</param>
/// <param name="History">Everything that happened to it, oldest first.</param>
/// <param name="AllowedActions">What the caller may do now; a client shows these and never guesses.</param>
/// <param name="Refunds">The refunds the dispute decided, and how their payment is going.</param>
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
    IReadOnlyList<DisputeAction> AllowedActions,
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
        [.. d.AllowedActions(caller.Actor, now)],
        [.. order.Refunds.Where(r => r.DisputeId == d.Id).Select(r => RefundView.Of(order, r))]);
}

/// <summary>A new account and its API token.</summary>
/// <param name="Id">The account id, as the platform gave it.</param>
/// <param name="Role"><c>buyer</c>, <c>seller</c> or <c>mediator</c>.</param>
/// <param name="Token">The account's bearer token, shown only in this answer: keep it.</param>
internal sealed record AccountCreatedView(string Id, string Role, string Token);

/// <summary>A link that signs the account in to the web pages once.</summary>
/// <param name="Url">The link, to send to the account's owner.</param>
/// <param name="ExpiresAt">Until when it works (UTC).</param>
internal sealed record SignInLinkView(string Url, DateTime ExpiresAt);

/// <summary>The service's clock.</summary>
/// <param name="Now">The service's time now (UTC); a simulated clock's when <c>--clock simulated</c>.</param>
internal sealed record ClockView(DateTime Now);

/// <summary>An account's erasure: its person is forgotten at once, the words in its orders a batch at a time.</summary>
/// <param name="AccountId">The account erased.</param>
/// <param name="Status"><c>in_progress</c> while the words in its orders are being erased, then <c>completed</c>.</param>
/// <param name="RequestedAt">When the erasure was asked for (UTC).</param>
/// <param name="OrdersErased">How many of its orders had words erased so far.</param>
/// <param name="CompletedAt">When the last of them was done (UTC).</param>
internal sealed record ErasureView(string AccountId, ErasureStatus Status, DateTime RequestedAt, long OrdersErased, DateTime? CompletedAt)
{
    public static ErasureView Of(AccountErasure erasure) =>
        new(erasure.AccountId, erasure.Status, erasure.RequestedAt.UtcDateTime, erasure.OrdersErased, erasure.CompletedAt?.UtcDateTime);
}

/// <summary>What the account is e-mailed about.</summary>
/// <param name="Reminders">Whether it gets reminders before deadlines; mail about what happened is always sent.</param>
internal sealed record MailPreferencesView(bool Reminders);
