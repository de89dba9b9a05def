using Arbiter.Domain.Disputes;

namespace Arbiter.Api;

internal sealed record CreateAccountRequest(string? Id, string? Role, string? DisplayName, string? Email, string? Region);

internal sealed record SignInLinkRequest(string? ReturnTo);

internal sealed record LineRequest(string? Id, string? Title, int Quantity, long UnitPrice, long Shipping);

internal sealed record PaymentRequest(string? Method, string? Reference);

internal sealed record CreateOrderRequest(string? Id, string? BuyerId, string? SellerId, string? Currency, IReadOnlyList<LineRequest>? Lines, PaymentRequest? Payment, string? ShippingMethod, string? ReturnAddress = null);

internal sealed record ShipmentRequest(string? Carrier, string? TrackingNumber);

internal sealed record DeliveryRequest(DateTimeOffset? DeliveredAt);

internal sealed record DaysRequest(int Days);

internal sealed record ExtensionRequestBody(int Days, string? Reason);

internal sealed record SolutionRequest(Solution? Type, long? Amount);

internal sealed record ClaimBody(string? LineId, bool? Received, string? Reason, SolutionRequest? Solution, string? Description, IReadOnlyList<string>? EvidenceIds)
{
    public ClaimRequest ToClaim() => new(Received, Reason, Solution?.Type, Solution?.Amount, Description, EvidenceIds);
}

internal sealed record NoteRequest(string? Note);

/// <summary>Whom a mediator hands a dispute to: another mediator's account id.</summary>
internal sealed record HandOverRequest(string? To);

internal sealed record OfferRequest(OfferType? Type, long? Amount, string? Note, int? Days);

internal sealed record ConfirmRequest(bool Confirm);

internal sealed record MessageRequest(string? Text);

internal sealed record InfoRequestBody(string? From, string? Question, int? BusinessDays);

internal sealed record AnswerRequest(string? Text, IReadOnlyList<string>? EvidenceIds);

internal sealed record DecisionRequest(MediatorOutcome? Outcome, long? Amount, Party? ReturnShippingPaidBy, string? Note);

internal sealed record AppealRequest(string? Reason);

internal sealed record AdvanceRequest(int? Days, int? Hours, int? Minutes);

internal sealed record WebhookEndpointRequest(string? Url, IReadOnlyList<string>? EventTypes, string? Description);

internal sealed record RotationRequest(int? OverlapHours);

internal sealed record RefundReportRequest(string? Reference);

/// <summary>A chargeback as the bank reported it: how much (minor units), the bank's reason, and its reference.</summary>
internal sealed record ChargebackRequest(long? Amount, string? Reason, string? Reference);

internal sealed record RefundFailureRequest(string? Reason);
