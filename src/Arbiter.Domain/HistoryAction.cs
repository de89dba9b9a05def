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
    Resolved,
}
