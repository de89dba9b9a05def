namespace Arbiter.Domain;

/// <summary>
/// Everything the history records, in the words of the guides (snake_case in documents, the API and
/// events). The event catalogue maps each one with an exhaustive switch: a new action that is not
/// published does not compile.
/// </summary>
public enum HistoryAction
{
    // Recorded by the order.
    OrderCreated,
    Shipped,
    Delivered,
    ReceiptConfirmed,
    OrderCancelled,
    ProcessingExtended,
    ProcessingDeadlinePassed,
    ProtectionExtended,
    ProtectionReminder,
    ProtectionEnded,
    OrderCompleted,
    OrderClosed,
    DisputeOpened,
    RefundCreated,
    RefundSent,
    RefundCompleted,
    RefundFailed,
    RefundRetried,
    RefundNeedsAttention,
    ProtectionMoved,
    ExtensionRequested,
    ExtensionRequestAccepted,
    ExtensionRequestDeclined,
    ExtensionRequestExpired,
    ExtensionRequestReminder,
    RefundCancelled,
    ChargebackOpened,
    ChargebackNeedsAttention,
    ChargebackWon,
    ChargebackLost,

    // Recorded by a dispute.
    Opened,
    ClaimAccepted,
    Rejected,
    OfferMade,
    OfferAccepted,
    OfferDeclined,
    ClaimChanged,
    Cancelled,
    MessageSent,
    EvidenceAdded,
    SellerResponseReminder,
    SellerDidNotRespond,
    Escalated,
    Assigned,
    EscalationCancelled,
    InfoRequested,
    InfoRequestReminder,
    InfoAnswered,
    InfoRequestLapsed,
    Decided,
    FinalDecision,
    Appealed,
    AppealWindowClosed,
    ReturnRequested,
    ReturnShipmentReminder,
    ReturnShipped,
    ReturnDelivered,
    ReturnReceived,
    ReturnRefused,
    ReturnNotShipped,
    ReturnNotConfirmed,
    WaitEndsReminder,
    WaitEnded,
    Resumed,
    ReplacementShipmentReminder,
    ReplacementShipped,
    ReplacementReceiptReminder,
    ReplacementReceived,
    ReplacementProblem,
    ReplacementNotShipped,
    ReplacementNotDisputed,
    Resolved,
}

public static class HistoryActions
{
    /// <summary>The actions whose details are the actor's own words (a note, a reason, a file's name), which erasing their words removes.</summary>
    public static bool InAuthorsWords(HistoryAction action) => action is HistoryAction.Rejected or HistoryAction.Escalated or HistoryAction.ReturnRefused
        or HistoryAction.ReplacementProblem or HistoryAction.Appealed or HistoryAction.EvidenceAdded;
}
