using Arbiter.Domain.Common;
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
}

/// <summary>
/// The dispute state machine on one screen: in each status, who may do what. Guards that depend
/// on more than the status (a pending offer, an open question, the appeal window) live in
/// <see cref="Dispute"/>; messages and evidence are allowed while the dispute is not finished.
/// </summary>
public static class DisputeRules
{
    private static readonly Dictionary<DisputeStatus, (DisputeAction Action, Role Who)[]> Table = new()
    {
        [AwaitingSellerResponse] =
        [
            (AcceptClaim, Role.Seller), (Reject, Role.Seller), (MakeOffer, Role.Seller), (Escalate, Role.Seller),
            (ChangeClaim, Role.Buyer), (Cancel, Role.Buyer),
        ],
        [Negotiating] =
        [
            (AcceptClaim, Role.Seller), (MakeOffer, Role.Seller), (Escalate, Role.Seller),
            (AcceptOffer, Role.Buyer), (DeclineOffer, Role.Buyer), (ChangeClaim, Role.Buyer), (Cancel, Role.Buyer), (Escalate, Role.Buyer),
        ],
        [Escalated] =
        [
            (AcceptClaim, Role.Seller), (MakeOffer, Role.Seller), (AnswerInfoRequest, Role.Seller),
            (AcceptOffer, Role.Buyer), (DeclineOffer, Role.Buyer), (Cancel, Role.Buyer), (AnswerInfoRequest, Role.Buyer),
            (RequestInfo, Role.Mediator), (Decide, Role.Mediator),
        ],
        [AwaitingReturn] =
        [
            (ShipReturn, Role.Buyer), (DisputeAction.Appeal, Role.Buyer), (DisputeAction.Appeal, Role.Seller),
        ],
        [AwaitingReturnReceipt] =
        [
            (ConfirmReturnReceived, Role.Seller), (RefuseReturn, Role.Seller), (RecordReturnDelivery, Role.Platform),
            (DisputeAction.Appeal, Role.Buyer), (DisputeAction.Appeal, Role.Seller),
        ],
        [Resolved] =
        [
            (DisputeAction.Appeal, Role.Buyer), (DisputeAction.Appeal, Role.Seller),
        ],
        [Cancelled] = [],
    };

    private static readonly Role[] Communicators = [Role.Buyer, Role.Seller, Role.Mediator];

    /// <summary>Whether the status allows the role to take the action, before any finer guard.</summary>
    public static bool Allows(DisputeStatus status, DisputeAction action, Role role) => action switch
    {
        SendMessage => status != Cancelled && Communicators.Contains(role),
        AddEvidence => status != Cancelled && role is Role.Buyer or Role.Seller,
        _ => Table[status].Contains((action, role)),
    };

    /// <summary>Whether the role could take the action in some status at all.</summary>
    public static bool EverAllows(DisputeAction action, Role role) =>
        Enum.GetValues<DisputeStatus>().Any(status => Allows(status, action, role));
}
