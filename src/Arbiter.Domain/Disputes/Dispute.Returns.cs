using Arbiter.Domain.Common;

namespace Arbiter.Domain.Disputes;

/// <summary>Returning the item: the buyer ships it, the seller confirms or refuses it.</summary>
public sealed partial class Dispute
{
    public Result ShipReturn(Actor buyer, string? carrier, string? trackingNumber, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.ShipReturn, buyer, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        if (string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(trackingNumber))
        {
            return DomainError.Invalid(ErrorCode.TrackingRequired, "A return needs a carrier and a tracking number.");
        }

        Return = Return! with { Carrier = carrier.Trim(), TrackingNumber = trackingNumber.Trim(), ShippedAt = now };
        Status = DisputeStatus.AwaitingReturnReceipt;
        Record(now, buyer, HistoryAction.ReturnShipped, $"{carrier.Trim()} {trackingNumber.Trim()}");
        return Result.Ok;
    }

    /// <summary>The platform reports the return delivered: the seller then has less time to confirm.</summary>
    public Result RecordReturnDelivery(Actor platform, DateTimeOffset? deliveredAt, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.RecordReturnDelivery, platform, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        var at = deliveredAt ?? now;
        if (at > now || at < Return!.ShippedAt)
        {
            return DomainError.Invalid(ErrorCode.InvalidDeliveryTime, "deliveredAt must lie between the return's shipment and now.");
        }

        Return = Return with { DeliveredAt = at, DeliveryReportedAt = now };
        Record(now, platform, HistoryAction.ReturnDelivered, $"delivered at {at:O}");
        return Result.Ok;
    }

    /// <summary>The seller confirms the returned item arrived: the refund goes out.</summary>
    public Result ConfirmReturnReceived(Actor seller, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.ConfirmReturnReceived, seller, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        Record(now, seller, HistoryAction.ReturnReceived);
        Resolve(now);
        return Result.Ok;
    }

    /// <summary>The seller disputes the returned item: back to the mediator.</summary>
    public Result RefuseReturn(Actor seller, string? note, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.RefuseReturn, seller, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        if (TextError(note, required: true) is not null)
        {
            return DomainError.Invalid(ErrorCode.NoteRequired, "Say what is wrong with the returned item.");
        }

        Record(now, seller, HistoryAction.ReturnRefused, note);
        Outcome = null;
        AppealDeadline = null;
        Status = DisputeStatus.Escalated;
        Escalation = (Escalation ?? new Escalation(now, seller.ToString(), note)) with { At = now, By = seller.ToString(), Note = note };
        return Result.Ok;
    }

    /// <summary>The seller must answer within 30 days of the return's shipment, or 10 days of its reported delivery (at the earliest when it was reported).</summary>
    private DateTimeOffset ReturnReceiptDueAt
    {
        get
        {
            var afterShipment = Return!.ShippedAt!.Value + Policy.ReturnReceiptAfterShipment;
            if (Return.DeliveredAt is not { } delivered)
            {
                return afterShipment;
            }

            var afterDelivery = delivered + Policy.ReturnReceiptAfterDelivery;
            if (afterDelivery < Return.DeliveryReportedAt)
            {
                afterDelivery = Return.DeliveryReportedAt.Value;
            }

            return afterDelivery < afterShipment ? afterDelivery : afterShipment;
        }
    }
}
