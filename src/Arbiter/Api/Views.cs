using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;

namespace Arbiter.Api;

/// <summary>What the API shows of orders and disputes; times are UTC, money in minor units.</summary>
internal static class Views
{
    public static object Order(Order order) => new
    {
        order.Id,
        order.BuyerId,
        order.SellerId,
        order.Status,
        order.Currency,
        order.Total,
        order.ShippingMethod,
        Lines = order.Lines.Select(l => new { l.Id, l.Title, l.Quantity, l.UnitPrice, l.Shipping, l.Total }),
        Payment = new { order.Payment.Method, order.Payment.Reference },
        CreatedAt = Utc(order.CreatedAt),
        ProcessingDeadline = Utc(order.ProcessingDeadline),
        Shipment = order.Shipment is { } s ? new { s.Carrier, s.TrackingNumber, ShippedAt = Utc(s.ShippedAt) } : null,
        DeliveredAt = Utc(order.DeliveredAt),
        ProtectionEndsAt = Utc(order.ProtectionEndsAt),
        order.ProtectionExpired,
        DisputeWindowEndsAt = Utc(order.DisputeWindowEndsAt),
        CompletedAt = Utc(order.CompletedAt),
        ClosedAt = Utc(order.ClosedAt),
        Escrow = new { Held = order.Ledger.Held(), Released = order.Ledger.Released(), Refunded = order.Ledger.Refunded() },
        RefundProcessing = order.Refunds.Any(r => r.Status is RefundStatus.Pending or RefundStatus.Sent),
        Refunds = order.Refunds.Select(r => new { r.Id, r.LineId, r.DisputeId, r.Amount, r.Status, CreatedAt = Utc(r.CreatedAt), r.Reason }),
        Disputes = order.Disputes.Select(d => new { d.Id, d.LineId, d.Status }),
        History = History(order.History),
    };

    public static object Dispute(Order order, Dispute dispute, Caller caller, DateTimeOffset now) => new
    {
        dispute.Id,
        OrderId = order.Id,
        dispute.LineId,
        order.Currency,
        dispute.Status,
        Escalation = dispute.Escalation is { } e && dispute.EscalationStatus is { } status
            ? new { Status = status, EscalatedAt = Utc(e.At), e.By, e.Note, e.Appealed }
            : null,
        Claim = new
        {
            dispute.Claim.Received,
            dispute.Claim.Reason,
            Solution = new { Type = dispute.Claim.Solution, dispute.Claim.Amount },
            dispute.Claim.Description,
            dispute.Claim.EvidenceIds,
        },
        RefundableAmount = order.Refundable(order.Line(dispute.LineId)!),
        Offers = dispute.Offers.Select(o => new { o.Id, o.Type, o.Amount, o.Status, o.Note, At = Utc(o.At) }),
        Deadline = dispute.CurrentDeadline is { } d ? new { d.Kind, DueAt = Utc(d.DueAt) } : null,
        Deadlines = dispute.Deadlines().Select(x => new { x.Kind, DueAt = Utc(x.DueAt) }),
        Outcome = dispute.Outcome is { } o2
            ? new { o2.RefundAmount, o2.ReturnRequired, o2.DecidedBy, DecidedAt = Utc(o2.DecidedAt), o2.Note, o2.ReturnShippingPaidBy, Final = dispute.AppealDeadline is null }
            : null,
        AppealDeadline = Utc(dispute.AppealDeadline),
        Appeal = dispute.Appeal is { } a ? new { a.By, a.Reason, At = Utc(a.At) } : null,
        Return = dispute.Return is { } r
            ? new { ShipBy = Utc(r.ShipBy), r.ShippingPaidBy, r.Carrier, r.TrackingNumber, ShippedAt = Utc(r.ShippedAt), DeliveredAt = Utc(r.DeliveredAt) }
            : null,
        InfoRequests = dispute.Escalation?.InfoRequests.Select(q => new
        {
            q.Id,
            From = q.Parties,
            q.Question,
            AskedAt = Utc(q.AskedAt),
            DueAt = Utc(q.DueAt),
            Open = !q.Closed,
            Answers = q.Answers.Select(x => new { x.Party, x.Text, x.EvidenceIds, At = Utc(x.At) }),
        }) ?? [],
        Messages = dispute.Messages.Select(m => new { m.Id, At = Utc(m.At), m.Author, m.Text, m.Warnings }),
        Evidence = order.Evidence.Where(f => f.DisputeId == dispute.Id).Select(Evidence),
        OpenedAt = Utc(dispute.OpenedAt),
        FinishedAt = Utc(dispute.FinishedAt),
        History = History(dispute.History),
        AllowedActions = dispute.AllowedActions(caller.Actor, now).Select(Words.Of),
    };

    public static object Offer(Offer offer) => new { offer.Id, offer.Type, offer.Amount, offer.Status, offer.Note, At = Utc(offer.At) };

    public static object Message(Message message) => new { message.Id, At = Utc(message.At), message.Author, message.Text, message.Warnings };

    public static object Evidence(EvidenceFile file) => new { file.Id, file.FileName, file.ContentType, file.Size, file.UploadedBy, At = Utc(file.At) };

    private static IEnumerable<object> History(IEnumerable<HistoryEntry> history) =>
        history.Select(h => new { At = Utc(h.At), h.Actor, h.Action, h.Details });

    private static DateTime Utc(DateTimeOffset at) => at.UtcDateTime;

    private static DateTime? Utc(DateTimeOffset? at) => at?.UtcDateTime;
}
