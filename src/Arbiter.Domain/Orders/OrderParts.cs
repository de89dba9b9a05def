using Arbiter.Domain.Common;

namespace Arbiter.Domain.Orders;

/// <summary>Where an order stands: <c>awaiting_shipment</c> (paid into escrow; the seller must ship), <c>awaiting_confirmation</c> (shipped; buyer protection runs), <c>completed</c> (the seller was paid what escrow held) or <c>closed</c> (nothing went to the seller: cancelled, refunded or charged back).</summary>
public enum OrderStatus
{
    AwaitingShipment,
    AwaitingConfirmation,
    Completed,
    Closed,
}

/// <summary>One line of an order; a dispute is always about one line.</summary>
public sealed record OrderLine(string Id, string Title, int Quantity, Money UnitPrice, Money Shipping)
{
    /// <summary>The most a buyer can ever get back for this line: its price plus its shipping.</summary>
    public Money Total => (UnitPrice * Quantity) + Shipping;

    internal OrderLine In(Currency currency) => this with { UnitPrice = UnitPrice.In(currency), Shipping = Shipping.In(currency) };
}

/// <summary>The payment captured into escrow when the order was created.</summary>
/// <param name="Method">How the buyer paid, in the platform's words (<c>card</c>).</param>
/// <param name="Reference">The payment system's reference for the capture, which refunds go back to.</param>
public sealed record Payment(string Method, string Reference);

/// <summary>A carrier and tracking number, for the order or for a return.</summary>
public sealed record Shipment(string Carrier, string TrackingNumber, DateTimeOffset ShippedAt);

/// <summary>How a refund's payment is going: <c>pending</c> (the payment system is to pay it), <c>sent</c> (it took it on), <c>completed</c> (the buyer has the money), <c>failed</c> (it will be asked again, or a person must look), <c>cancelled</c> (withdrawn before it was sent, because a chargeback returns the money instead).</summary>
public enum RefundStatus
{
    Pending,
    Sent,
    Completed,
    Failed,

    /// <summary>Withdrawn before it was sent, because the buyer's bank returns the money instead (a chargeback).</summary>
    Cancelled,
}

/// <summary>
/// Money on its way back to the buyer's original payment method. The platform's payment system
/// pays it and reports how it went; <see cref="Attempt"/> counts the times it was asked to.
/// </summary>
public sealed record Refund(
    string Id,
    string LineId,
    string? DisputeId,
    Money Amount,
    RefundStatus Status,
    DateTimeOffset CreatedAt,
    string Reason,
    int Attempt = 1,
    string? Reference = null,
    string? FailureReason = null,
    DateTimeOffset? UpdatedAt = null,
    DateTimeOffset? RetryAt = null,
    bool NeedsAttention = false,
    string? WithdrawnFor = null)
{
    /// <summary>Whether the refund pays the buyer, or will: every refund but a withdrawn one.</summary>
    public bool Counts => Status != RefundStatus.Cancelled;

    /// <summary>Whether the payment system took the refund on: it may reach the buyer whatever Arbiter does now.</summary>
    public bool IsSent => Status is RefundStatus.Sent or RefundStatus.Completed;

    internal Refund In(Currency currency) => this with { Amount = Amount.In(currency) };
}

/// <summary>A file a party uploaded as evidence, kept by the store under the data folder.</summary>
public sealed record EvidenceFile(string Id, string? DisputeId, string UploadedBy, string FileName, string ContentType, long Size, DateTimeOffset At)
{
    /// <summary>When the file was erased with its uploader's words: its name and bytes are gone.</summary>
    public DateTimeOffset? ErasedAt { get; init; }
}

/// <summary>One thing that happened, in the words of the guides: who, what, when, and the details.</summary>
public sealed record HistoryEntry(DateTimeOffset At, string Actor, HistoryAction Action, string? Details = null);

/// <summary>
/// A history entry as an event: numbered within its order (1, 2, ... in the order things happened,
/// across the order and its disputes), with the dispute, refund or chargeback it concerns.
/// </summary>
public sealed record RecordedEvent(long Sequence, HistoryEntry Entry, string? DisputeId, string? RefundId, string? ChargebackId = null);

/// <summary>Which deadline a request for more time moves: <c>protection</c> (the buyer's protection, asked of the seller) or <c>processing</c> (the seller's time to ship, asked of the buyer).</summary>
public enum ExtensionKind
{
    Protection,
    Processing,
}

/// <summary>How a request for more time stands: <c>pending</c>, <c>accepted</c>, <c>declined</c>, or <c>expired</c> (not answered in time, or no longer possible).</summary>
public enum ExtensionRequestStatus
{
    Pending,
    Accepted,
    Declined,
    Expired,
}

/// <summary>One party's request for more time, for the other party to answer before <see cref="ExpiresAt"/>.</summary>
public sealed record ExtensionRequest(string Id, ExtensionKind Kind, int Days, string? Reason, ExtensionRequestStatus Status, DateTimeOffset At, DateTimeOffset ExpiresAt)
{
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>Whether the party who must answer was reminded.</summary>
    public bool Reminded { get; init; }
}
