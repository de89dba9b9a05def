using Arbiter.Domain.Common;

namespace Arbiter.Domain.Orders;

/// <summary>The order's timers: derived from its state, fired in due order, each at its own instant.</summary>
public sealed partial class Order
{
    /// <summary>Every deadline the order and its disputes have armed right now.</summary>
    public IEnumerable<Deadline> Deadlines()
    {
        if (Status == OrderStatus.AwaitingShipment)
        {
            yield return new Deadline(DeadlineKind.Processing, ProcessingDeadline);
        }

        if (Status == OrderStatus.AwaitingConfirmation && !ProtectionExpired && ProtectionEndsAt is { } endsAt)
        {
            var remindAt = endsAt - Policy.ProtectionReminder;
            if (ReminderSentFor != endsAt && remindAt > Shipment!.ShippedAt)
            {
                yield return new Deadline(DeadlineKind.ProtectionReminder, remindAt);
            }

            yield return new Deadline(DeadlineKind.ProtectionEnd, endsAt);
        }

        foreach (var deadline in DisputeList.SelectMany(d => d.Deadlines()))
        {
            yield return deadline;
        }

        foreach (var deadline in ExtensionRequestDeadlines())
        {
            yield return deadline;
        }

        foreach (var refund in RefundList.Where(r => r.RetryAt is not null))
        {
            yield return new Deadline(DeadlineKind.RefundRetry, refund.RetryAt!.Value, Ref: refund.Id);
        }
    }

    /// <summary>
    /// Fires every deadline due by <paramref name="now"/>, earliest first, each at its due instant:
    /// catching up after downtime gives the same history and money as running live.
    /// </summary>
    /// <returns>The deadlines that fired, in the order they fired.</returns>
    public IReadOnlyList<Deadline> FireDue(DateTimeOffset now)
    {
        var fired = new List<Deadline>();
        while (Deadlines().Where(d => d.DueAt <= now).OrderBy(d => d.DueAt).ThenBy(d => d.Kind).ThenBy(d => d.Key, StringComparer.Ordinal).FirstOrDefault() is { } due)
        {
            Fire(due);
            fired.Add(due);
            if (fired.Count > 10_000)
            {
                throw new InvalidOperationException($"Order {Id} keeps re-arming {due.Key}.");
            }
        }

        return fired;
    }

    private void Fire(Deadline deadline)
    {
        var at = deadline.DueAt;
        switch (deadline.Kind)
        {
            case DeadlineKind.Processing:
                Record(at, Actor.Clock, HistoryAction.ProcessingDeadlinePassed, "not shipped in time: cancelled and refunded");
                RefundEverything(at, "not shipped within processing time");
                break;
            case DeadlineKind.ProtectionReminder:
                ReminderSentFor = ProtectionEndsAt;
                Record(at, Actor.Clock, HistoryAction.ProtectionReminder, $"buyer protection ends at {ProtectionEndsAt:O}");
                break;
            case DeadlineKind.ProtectionEnd:
                ProtectionExpired = true;
                LapseRequests(ExtensionKind.Protection, at);
                Record(at, Actor.Clock, HistoryAction.ProtectionEnded, HasOpenDispute ? "release waits for the open disputes" : "receipt confirmed automatically");
                ReleaseWhatIsDue(at);
                break;
            case DeadlineKind.RefundRetry:
                RequestRefundAgain(deadline.Ref!, Actor.Clock, at);
                break;
            case DeadlineKind.ExtensionRequestExpiry or DeadlineKind.ExtensionRequestReminder:
                FireExtensionRequest(deadline);
                break;
            default:
                Dispute(deadline.DisputeId!)!.Fire(deadline);
                break;
        }
    }
}
