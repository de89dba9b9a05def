using Arbiter.Domain.Disputes;

namespace Arbiter.Api;

// What callers send. Every field is optional in the schema: a missing one is refused by the rule
// that needs it, with a problem whose code says which.

/// <summary>An account the platform creates for one of its users.</summary>
/// <param name="Id">The platform's own id for the user: 1 to 128 letters, digits or <c>- _ . :</c> (a UUID, <c>usr:42</c>).</param>
/// <param name="Role">What the account does: <c>buyer</c>, <c>seller</c> or <c>mediator</c>.</param>
/// <param name="DisplayName">The name people see on pages and in e-mail.</param>
/// <param name="Email">Where Arbiter e-mails the account about its orders and disputes.</param>
/// <param name="Region">Where the user is, as an ISO 3166 alpha-2 code (<c>CN</c>); their business-day deadlines skip that region's holidays.</param>
/// <example>{"id": "usr:42", "role": "buyer", "displayName": "Ana Buyer", "email": "ana@example.com", "region": "ES"}</example>
internal sealed record CreateAccountRequest(string? Id, string? Role, string? DisplayName, string? Email, string? Region);

/// <summary>Where a sign-in link lands once used.</summary>
/// <param name="ReturnTo">A path on this service to open after signing in, such as <c>/disputes/o1-d1</c>; the home page when absent.</param>
/// <example>{"returnTo": "/disputes/ord-2026-000123-d1"}</example>
internal sealed record SignInLinkRequest(string? ReturnTo);

/// <summary>One line of a new order.</summary>
/// <param name="Id">The platform's id for the line, unique within the order.</param>
/// <param name="Title">What was bought, as the buyer saw it.</param>
/// <param name="Quantity">How many, at least 1.</param>
/// <param name="UnitPrice">The price of one, in minor units of the order's currency.</param>
/// <param name="Shipping">What the buyer paid to ship the line, in minor units; 0 when free.</param>
/// <example>{"id": "l1", "title": "Bike speedometer", "quantity": 1, "unitPrice": 1999, "shipping": 300}</example>
internal sealed record LineRequest(string? Id, string? Title, int Quantity, long UnitPrice, long Shipping);

/// <summary>The payment the platform captured, which refunds go back to.</summary>
/// <param name="Method">How the buyer paid, in the platform's words. The pages say <c>card</c>, <c>bank_transfer</c>, <c>wallet</c>, <c>cash_on_delivery</c>, <c>paypal</c>, <c>alipay</c> and <c>wechat_pay</c> in the reader's language, and any other word as written.</param>
/// <param name="Reference">The payment system's reference for the capture, passed back with every refund.</param>
/// <example>{"method": "card", "reference": "pay_123"}</example>
internal sealed record PaymentRequest(string? Method, string? Reference);

/// <summary>An order paid into escrow: the total of its lines is held until it is released to the seller or refunded.</summary>
/// <param name="Id">The platform's order id: 1 to 128 letters, digits or <c>- _ . :</c> (<c>ord-2026-000123</c>).</param>
/// <param name="BuyerId">The buyer's account id.</param>
/// <param name="SellerId">The seller's account id.</param>
/// <param name="Currency">The ISO 4217 currency every amount of the order is in (<c>USD</c>).</param>
/// <param name="Lines">What was bought, one line per item; a dispute is about one line.</param>
/// <param name="Payment">The payment captured into escrow.</param>
/// <param name="ShippingMethod">The shipping the buyer chose, which sets the delivery and protection times (<c>standard</c>).</param>
/// <param name="ReturnAddress">Where a returned item goes, shown to a buyer who must send it back.</param>
/// <example>{"id": "ord-2026-000123", "buyerId": "usr:42", "sellerId": "usr:7", "currency": "USD", "lines": [{"id": "l1", "title": "Bike speedometer", "quantity": 1, "unitPrice": 1999, "shipping": 300}], "payment": {"method": "card", "reference": "pay_123"}, "shippingMethod": "standard", "returnAddress": "Cycle Parts Ltd, 12 Harbour Road, Shenzhen 518000, China"}</example>
internal sealed record CreateOrderRequest(string? Id, string? BuyerId, string? SellerId, string? Currency, IReadOnlyList<LineRequest>? Lines, PaymentRequest? Payment, string? ShippingMethod, string? ReturnAddress = null);

/// <summary>A parcel handed to a carrier.</summary>
/// <param name="Carrier">The carrier's name.</param>
/// <param name="TrackingNumber">The carrier's tracking number.</param>
/// <example>{"carrier": "China Post", "trackingNumber": "LX123456789CN"}</example>
internal sealed record ShipmentRequest(string? Carrier, string? TrackingNumber);

/// <summary>A carrier's report that a parcel arrived.</summary>
/// <param name="DeliveredAt">When it arrived (UTC, not in the future and not before it was shipped); now when absent.</param>
/// <example>{"deliveredAt": "2026-12-14T09:30:00Z"}</example>
internal sealed record DeliveryRequest(DateTimeOffset? DeliveredAt);

/// <summary>More days for a deadline.</summary>
/// <param name="Days">How many days to add, at least 1 and within the policy's maximum.</param>
/// <example>{"days": 10}</example>
internal sealed record DaysRequest(int Days);

/// <summary>A buyer's request that the seller extend their protection.</summary>
/// <param name="Days">How many days to add, at least 1 and within the policy's maximum.</param>
/// <param name="Reason">Why, for the seller.</param>
/// <example>{"days": 10, "reason": "The tracking shows the parcel held at customs."}</example>
internal sealed record ExtensionRequestBody(int Days, string? Reason);

/// <summary>What the buyer asks for.</summary>
/// <param name="Type">A refund only, or a refund once the item is returned.</param>
/// <param name="Amount">The refund asked for, in minor units: more than 0 and at most what the line can still refund.</param>
/// <example>{"type": "refund_only", "amount": 2299}</example>
internal sealed record SolutionRequest(Solution? Type, long? Amount);

/// <summary>A buyer's claim about one line of the order.</summary>
/// <param name="LineId">The line the dispute is about (only when opening one).</param>
/// <param name="Received">Whether the item arrived.</param>
/// <param name="Reason">Why, as one of the reasons that fit <c>received</c> (<c>not_received_in_transit</c>, <c>not_as_described</c>, ...).</param>
/// <param name="Solution">What the buyer asks for.</param>
/// <param name="Description">What happened, in the buyer's words.</param>
/// <param name="EvidenceIds">Files already uploaded to the order that back the claim.</param>
/// <example>{"lineId": "l1", "received": false, "reason": "not_received_in_transit", "solution": {"type": "refund_only", "amount": 2299}, "description": "Tracking has not moved for three weeks.", "evidenceIds": []}</example>
internal sealed record ClaimBody(string? LineId, bool? Received, string? Reason, SolutionRequest? Solution, string? Description, IReadOnlyList<string>? EvidenceIds)
{
    public ClaimRequest ToClaim() => new(Received, Reason, Solution?.Type, Solution?.Amount, Description, EvidenceIds);
}

/// <summary>A party's or a mediator's words beside an act.</summary>
/// <param name="Note">Why: what the seller rejects, what is wrong with a returned item, what the mediator should know.</param>
/// <example>{"note": "The tracking shows the parcel was delivered to the buyer's post office."}</example>
internal sealed record NoteRequest(string? Note);

/// <summary>Whom a mediator hands a dispute to.</summary>
/// <param name="To">Another mediator's account id.</param>
/// <example>{"to": "usr:1001"}</example>
internal sealed record HandOverRequest(string? To);

/// <summary>A seller's offer to the buyer.</summary>
/// <param name="Type">What the seller offers: a refund, a refund after a return, no refund, a replacement, or a wait for the parcel.</param>
/// <param name="Amount">The refund offered, in minor units (for <c>refund_only</c> and <c>return_and_refund</c>).</param>
/// <param name="Note">The seller's words to the buyer.</param>
/// <param name="Days">How many days the buyer is asked to wait, 1 to 30 (for <c>wait_for_delivery</c>).</param>
/// <example>{"type": "refund_only", "amount": 1200, "note": "Half back, and keep the item."}</example>
internal sealed record OfferRequest(OfferType? Type, long? Amount, string? Note, int? Days);

/// <summary>The caller's confirmation of an act that loses them something.</summary>
/// <param name="Confirm">True to go ahead: needed to accept a <c>no_refund</c> offer, to cancel a dispute in mediation, and to cancel one close to the end of protection.</param>
/// <example>{"confirm": true}</example>
internal sealed record ConfirmRequest(bool Confirm);

/// <summary>A message inside a dispute.</summary>
/// <param name="Text">What the author says.</param>
/// <example>{"text": "Could you send a photo of the label on the parcel?"}</example>
internal sealed record MessageRequest(string? Text);

/// <summary>A mediator's question.</summary>
/// <param name="From">Who must answer: <c>buyer</c>, <c>seller</c> or <c>both</c>.</param>
/// <param name="Question">What the mediator asks.</param>
/// <param name="BusinessDays">The answerer's business days to answer, 1 to 30; the policy's default (7) when absent.</param>
/// <example>{"from": "seller", "question": "Which carrier scan shows the delivery?", "businessDays": 5}</example>
internal sealed record InfoRequestBody(string? From, string? Question, int? BusinessDays);

/// <summary>A party's answer to a mediator's question.</summary>
/// <param name="Text">The answer.</param>
/// <param name="EvidenceIds">Files already uploaded to the dispute that back the answer.</param>
/// <example>{"text": "The last scan is the export from Shenzhen; a screenshot is attached.", "evidenceIds": []}</example>
internal sealed record AnswerRequest(string? Text, IReadOnlyList<string>? EvidenceIds);

/// <summary>A mediator's decision.</summary>
/// <param name="Outcome">What the buyer gets back, and whether the item goes back first.</param>
/// <param name="Amount">The refund, in minor units (for <c>partial_refund</c>): more than 0 and at most what the line can still refund.</param>
/// <param name="ReturnShippingPaidBy">Who pays to send the item back (for <c>full_refund_with_return</c>); the seller when absent.</param>
/// <param name="Note">Why, for both parties: 1 to 4000 characters.</param>
/// <example>{"outcome": "partial_refund", "amount": 1500, "note": "The item arrived but without the mounting bracket the listing showed."}</example>
internal sealed record DecisionRequest(MediatorOutcome? Outcome, long? Amount, Party? ReturnShippingPaidBy, string? Note);

/// <summary>A party's appeal against a mediator's decision.</summary>
/// <param name="Reason">Why the decision is wrong, for the mediator who hears the appeal.</param>
/// <example>{"reason": "The photos show the bracket in the parcel."}</example>
internal sealed record AppealRequest(string? Reason);

/// <summary>How far to move a simulated clock; the parts add up.</summary>
/// <param name="Days">Days forward.</param>
/// <param name="Hours">Hours forward.</param>
/// <param name="Minutes">Minutes forward.</param>
/// <example>{"days": 3, "hours": 0, "minutes": 0}</example>
internal sealed record AdvanceRequest(int? Days, int? Hours, int? Minutes);

/// <summary>A webhook endpoint to register.</summary>
/// <param name="Url">An absolute https URL that receives the events.</param>
/// <param name="EventTypes">Types from <c>GET /api/v1/event-types</c> to deliver, or <c>["*"]</c> for all.</param>
/// <param name="Description">What the endpoint is, for the platform's operators.</param>
/// <example>{"url": "https://shop.example.com/hooks/arbiter", "eventTypes": ["*"], "description": "Order updates for the shop"}</example>
internal sealed record WebhookEndpointRequest(string? Url, IReadOnlyList<string>? EventTypes, string? Description);

/// <summary>A new signing secret for an endpoint.</summary>
/// <param name="OverlapHours">How long the old secret still signs beside the new one, 0 to 168 hours; 24 when absent.</param>
/// <example>{"overlapHours": 24}</example>
internal sealed record RotationRequest(int? OverlapHours);

/// <summary>The payment system's report that it sent a refund.</summary>
/// <param name="Reference">The payment system's reference for the refund.</param>
/// <example>{"reference": "re_8841"}</example>
internal sealed record RefundReportRequest(string? Reference);

/// <summary>A chargeback as the bank reported it.</summary>
/// <param name="Amount">How much the bank took back, in minor units: at most what was paid less what earlier chargebacks took.</param>
/// <param name="Reason">The bank's reason.</param>
/// <param name="Reference">The bank's reference for the case.</param>
/// <example>{"amount": 2299, "reason": "Goods not received", "reference": "cb_2026_55"}</example>
internal sealed record ChargebackRequest(long? Amount, string? Reason, string? Reference);

/// <summary>The payment system's report that a refund failed.</summary>
/// <param name="Reason">Why it failed, in the payment system's words.</param>
/// <example>{"reason": "The card was closed."}</example>
internal sealed record RefundFailureRequest(string? Reason);
