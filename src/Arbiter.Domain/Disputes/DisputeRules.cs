using Arbiter.Domain.Common;
using static Arbiter.Domain.Common.Role;
using static Arbiter.Domain.Common.StateTable<Arbiter.Domain.Disputes.DisputeStatus, Arbiter.Domain.Disputes.DisputeAction>;
using static Arbiter.Domain.DeadlineKind;
using static Arbiter.Domain.Disputes.DisputeAction;
using static Arbiter.Domain.Disputes.DisputeStatus;

namespace Arbiter.Domain.Disputes;

/// <summary>Everything anyone can do to a dispute; the API shows them as snake_case words.</summary>
public enum DisputeAction
{
    AcceptClaim,
    Reject,
    MakeOffer,
    AcceptOffer,
    DeclineOffer,
    ChangeClaim,
    Cancel,
    Escalate,
    SendMessage,
    AddEvidence,
    RequestInfo,
    AnswerInfoRequest,
    Decide,
    Appeal,
    ShipReturn,
    RecordReturnDelivery,
    ConfirmReturnReceived,
    RefuseReturn,
    Resume,
    ShipReplacement,
    ConfirmReplacement,
    ReportReplacementProblem,
    Take,
    HandOver,
}

/// <summary>
/// The dispute state machine on one screen: in each status, the deadlines it arms (and where
/// their passing leads), who may do what, and where each action leads (nowhere named: the status
/// stays). Guards that depend on more than the status (a pending offer, an open question, the
/// appeal window) live in <see cref="Dispute.Guard"/>; messages and evidence are allowed while
/// the dispute is not cancelled. <c>docs/disputes.md</c> is generated from this table.
/// </summary>
public static class DisputeRules
{
    private static readonly Role[] Parties = [Buyer, Seller];
    private static readonly Role[] Everyone = [Buyer, Seller, Mediator];

    /// <summary>A concluded dispute either waits for the item to come back or is resolved.</summary>
    private static readonly DisputeStatus[] Concluded = [Resolved, AwaitingReturn];

    public static readonly StateTable<DisputeStatus, DisputeAction> Table = new(
        During(AwaitingSellerResponse, [Expires(SellerResponse, Concluded), Expires(Reminder)],
            When(AcceptClaim, [Seller], Concluded),
            When(Reject, [Seller], Negotiating),
            When(MakeOffer, [Seller], Negotiating),
            When(Escalate, [Seller], Escalated),
            When(ChangeClaim, [Buyer]),
            When(Cancel, [Buyer], Cancelled),
            When(SendMessage, Everyone),
            When(AddEvidence, Parties)),
        During(Negotiating, [Expires(Negotiation, Escalated)],
            When(AcceptClaim, [Seller], Concluded),
            When(MakeOffer, [Seller]),
            When(Escalate, Parties, Escalated),
            When(AcceptOffer, [Buyer], [.. Concluded, WaitingForDelivery, AwaitingReplacement]),
            When(DeclineOffer, [Buyer]),
            When(ChangeClaim, [Buyer]),
            When(Cancel, [Buyer], Cancelled),
            When(SendMessage, Everyone),
            When(AddEvidence, Parties)),
        During(Escalated, [Expires(DeadlineKind.InfoRequest, [Escalated, .. Concluded]), Expires(Reminder)],
            When(AcceptClaim, [Seller], Concluded),
            When(MakeOffer, [Seller]),
            When(AnswerInfoRequest, Parties),
            When(AcceptOffer, [Buyer], Concluded),
            When(DeclineOffer, [Buyer]),
            When(Cancel, [Buyer], Resolved),
            When(RequestInfo, [Mediator]),
            When(Take, [Mediator]),
            When(HandOver, [Mediator]),
            When(Decide, [Mediator], Concluded),
            When(SendMessage, Everyone),
            When(AddEvidence, Parties)),
        During(AwaitingReturn, [Expires(ReturnShipment, Resolved), Expires(Reminder), Expires(AppealWindow)],
            When(ShipReturn, [Buyer], AwaitingReturnReceipt),
            When(DisputeAction.Appeal, Parties, Escalated),
            When(SendMessage, Everyone),
            When(AddEvidence, Parties)),
        During(AwaitingReturnReceipt, [Expires(ReturnReceipt, Resolved), Expires(AppealWindow)],
            When(ConfirmReturnReceived, [Seller], Resolved),
            When(RefuseReturn, [Seller], Escalated),
            When(RecordReturnDelivery, [Platform]),
            When(DisputeAction.Appeal, Parties, Escalated),
            When(SendMessage, Everyone),
            When(AddEvidence, Parties)),
        During(WaitingForDelivery, [Expires(WaitEnds, Negotiating), Expires(Reminder)],
            When(Resume, [Buyer], Negotiating),
            When(Cancel, [Buyer], Cancelled),
            When(SendMessage, Everyone),
            When(AddEvidence, Parties)),
        During(AwaitingReplacement, [Expires(ReplacementShipment, Concluded), Expires(Reminder)],
            When(ShipReplacement, [Seller], AwaitingReplacementReceipt),
            When(SendMessage, Everyone),
            When(AddEvidence, Parties)),
        During(AwaitingReplacementReceipt, [Expires(ReplacementReceipt, Resolved), Expires(Reminder)],
            When(ConfirmReplacement, [Buyer], Resolved),
            When(ReportReplacementProblem, [Buyer], Escalated),
            When(SendMessage, Everyone),
            When(AddEvidence, Parties)),
        During(Resolved, [Expires(AppealWindow)],
            When(DisputeAction.Appeal, Parties, Escalated),
            When(SendMessage, Everyone),
            When(AddEvidence, Parties)),
        During(Cancelled, []));

    /// <summary>Whether the status allows the role to take the action, before any finer guard.</summary>
    public static bool Allows(DisputeStatus status, DisputeAction action, Role role) => Table.Allows(status, action, role);

    /// <summary>Whether the role could take the action in some status at all.</summary>
    public static bool EverAllows(DisputeAction action, Role role) => Table.EverAllows(action, role);
}
