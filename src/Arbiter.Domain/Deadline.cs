namespace Arbiter.Domain;

/// <summary>The kinds of timer Arbiter runs; each fires once, at its due instant.</summary>
public enum DeadlineKind
{
    Processing,
    ProtectionReminder,
    ProtectionEnd,
    SellerResponse,
    Negotiation,
    InfoRequest,
    ReturnShipment,
    ReturnReceipt,
    AppealWindow,
    RefundRetry,

    /// <summary>The wait the buyer accepted ends; without word from the buyer the dispute resumes.</summary>
    WaitEnds,

    /// <summary>The seller must ship the promised replacement; else the claim is granted.</summary>
    ReplacementShipment,

    /// <summary>The buyer says whether the replacement came; silence pays the seller.</summary>
    ReplacementReceipt,

    /// <summary>A request for more time goes unanswered; <see cref="Deadline.Ref"/> is the request.</summary>
    ExtensionRequestExpiry,

    /// <summary>The party who must answer a request for more time is reminded; <see cref="Deadline.Ref"/> is the request.</summary>
    ExtensionRequestReminder,

    /// <summary>A party's deadline comes close; <see cref="Deadline.Ref"/> is that deadline's key.</summary>
    Reminder,
}

/// <summary>
/// A deadline is data: what falls due, when, and what it belongs to. The set an order arms is
/// derived from its state, so a deadline that no longer applies simply disappears.
/// </summary>
public sealed record Deadline(DeadlineKind Kind, DateTimeOffset DueAt, string? DisputeId = null, string? Ref = null)
{
    /// <summary>A key unique within the order, so the store can tell deadlines apart.</summary>
    public string Key => $"{Kind}:{DisputeId}:{Ref}";
}
