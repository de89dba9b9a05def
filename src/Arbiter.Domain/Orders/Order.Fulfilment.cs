using Arbiter.Domain.Common;

namespace Arbiter.Domain.Orders;

/// <summary>Shipment, delivery, receipt, cancellation and the seller's extensions.</summary>
public sealed partial class Order
{
    /// <summary>The seller ships with a carrier and tracking number; buyer protection starts.</summary>
    public Result Ship(Actor actor, string? carrier, string? trackingNumber, DateTimeOffset now)
    {
        if (Guard(OrderAction.Ship, actor, now) is { IsSuccess: false } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(trackingNumber))
        {
            return DomainError.Invalid(ErrorCode.TrackingRequired, "A shipment needs a carrier and a tracking number.");
        }

        Shipment = new Shipment(carrier.Trim(), trackingNumber.Trim(), now);
        Status = OrderStatus.AwaitingConfirmation;
        LapseRequests(ExtensionKind.Processing, now);
        ProtectionEndsAt = now + Policy.ProtectionFor(ShippingMethod);
        Record(now, actor, HistoryAction.Shipped, $"{Shipment.Carrier} {Shipment.TrackingNumber}; protection until {ProtectionEndsAt:O}");
        return Result.Ok;
    }

    /// <summary>The platform reports that the carrier delivered the parcel.</summary>
    public Result RecordDelivery(Actor actor, DateTimeOffset? deliveredAt, DateTimeOffset now)
    {
        if (Guard(OrderAction.RecordDelivery, actor, now) is { IsSuccess: false } refused)
        {
            return refused;
        }

        var at = deliveredAt ?? now;
        if (at > now)
        {
            return DomainError.Invalid(ErrorCode.DeliveredInFuture, "deliveredAt cannot be in the future.");
        }

        if (at < Shipment!.ShippedAt)
        {
            return DomainError.Invalid(ErrorCode.DeliveredBeforeShipment, "deliveredAt cannot be before the shipment.");
        }

        DeliveredAt = at;
        Record(now, actor, HistoryAction.Delivered, $"delivered at {at:O}");
        return Result.Ok;
    }

    /// <summary>
    /// The buyer confirms receipt: the money is released at once and protection ends. A dispute
    /// waiting for this very parcel ends with it: the parcel came.
    /// </summary>
    public Result ConfirmReceipt(Actor actor, DateTimeOffset now)
    {
        if (Guard(OrderAction.ConfirmReceipt, actor, now) is { IsSuccess: false } refused)
        {
            return refused;
        }

        foreach (var waiting in DisputeList.Where(d => d.Status == Domain.Disputes.DisputeStatus.WaitingForDelivery))
        {
            waiting.EndWaitOnReceipt(actor, now);
        }

        Record(now, actor, HistoryAction.ReceiptConfirmed);
        ReceiptConfirmedAt = now;
        Complete(now);
        return Result.Ok;
    }

    /// <summary>The buyer cancels before shipment and gets everything back.</summary>
    public Result Cancel(Actor actor, DateTimeOffset now)
    {
        if (Guard(OrderAction.Cancel, actor, now) is { IsSuccess: false } refused)
        {
            return refused;
        }

        Record(now, actor, HistoryAction.OrderCancelled);
        RefundEverything(now, "order cancelled before shipment");
        return Result.Ok;
    }

    /// <summary>The seller gives the buyer more protection, up to the policy's maximum.</summary>
    public Result ExtendProtection(Actor actor, int days, DateTimeOffset now)
    {
        if (Guard(OrderAction.ExtendProtection, actor, now) is { IsSuccess: false } refused)
        {
            return refused;
        }

        if (ExtensionError(days, ProtectionExtendedDays, Policy.MaxProtectionExtensionDays) is { } error)
        {
            return error;
        }

        Extend(ExtensionKind.Protection, actor, days, now);
        return Result.Ok;
    }

    /// <summary>
    /// While a seller's promise runs, buyer protection lasts at least until <paramref name="until"/>
    /// (the promise's deadline and the reminder days after it): a promise must never cost the buyer
    /// protection. Protection that had run out before stays ended (nothing reopens it); the open
    /// dispute holds the money either way. The history says why it moved.
    /// </summary>
    internal void KeepProtectionPast(DateTimeOffset until, string why, DateTimeOffset now)
    {
        if (Status != OrderStatus.AwaitingConfirmation || ProtectionExpired || ProtectionEndsAt >= until)
        {
            return;
        }

        ProtectionEndsAt = until;
        Record(now, Actor.Clock, HistoryAction.ProtectionMoved, $"until {until:O}: {why}");
    }

    /// <summary>
    /// More time to ship: the platform's call applies at once; the seller's is a request the buyer
    /// accepts or declines (<see cref="AnswerExtensionRequest"/>), answered with that request.
    /// </summary>
    /// <returns>The pending request, or null when the time moved at once.</returns>
    public Result<ExtensionRequest?> ExtendProcessing(Actor actor, int days, DateTimeOffset now)
    {
        if (Guard(OrderAction.ExtendProcessing, actor, now) is { IsSuccess: false } refused)
        {
            return refused.Error!;
        }

        if (actor.Role == Role.Seller)
        {
            var requested = RequestProcessingExtension(actor, days, now);
            return requested.IsSuccess ? requested.Value : requested.Error!;
        }

        if (ExtensionError(days, ProcessingExtendedDays, Policy.MaxProcessingExtensionDays) is { } error)
        {
            return error;
        }

        Extend(ExtensionKind.Processing, actor, days, now);
        return (ExtensionRequest?)null;
    }

    /// <summary>Moves protection's end or the processing deadline by <paramref name="days"/>, within the policy's maximum (checked by the caller).</summary>
    private void Extend(ExtensionKind kind, Actor actor, int days, DateTimeOffset now)
    {
        if (kind == ExtensionKind.Processing)
        {
            ProcessingExtendedDays += days;
            ProcessingDeadline = ProcessingDeadline.AddDays(days);
            Record(now, actor, HistoryAction.ProcessingExtended, $"+{days} days, until {ProcessingDeadline:O}");
            return;
        }

        ProtectionExtendedDays += days;
        ProtectionEndsAt = ProtectionEndsAt!.Value.AddDays(days);
        if (ProtectionEndsAt.Value - Policy.ProtectionReminder <= now)
        {
            // Already inside the reminder period (and reminded): a reminder for the new end would be
            // dated before this extension. The extension itself tells the buyer the new end.
            ReminderSentFor = ProtectionEndsAt;
        }

        Record(now, actor, HistoryAction.ProtectionExtended, $"+{days} days, until {ProtectionEndsAt:O}");
    }

    private static DomainError? ExtensionError(int days, int alreadyExtended, int maximum)
    {
        if (days < 1)
        {
            return DomainError.Invalid(ErrorCode.InvalidDays, "days must be at least 1.");
        }

        return alreadyExtended + days > maximum
            ? DomainError.Invalid(ErrorCode.ExtensionExceedsMaximum, $"Extensions may add at most {maximum} days in all; {alreadyExtended} are used.")
            : null;
    }
}
