using Arbiter.Domain.Common;

namespace Arbiter.Domain.Disputes;

/// <summary>How a chargeback ends a dispute: the buyer took the claim to their bank, which decides the money.</summary>
public sealed partial class Dispute
{
    /// <summary>
    /// Ends the dispute without a refund from Arbiter, whatever it was waiting for (the seller, a
    /// promise, a return, a mediator or the appeal window): the money is the bank's to decide.
    /// </summary>
    internal void EndByChargeback(string chargebackId, DateTimeOffset now)
    {
        StopWaiting();

        Outcome = new Outcome(Order.Amount(0), false, DecidedBy.Chargeback, now, $"the buyer's bank decides instead ({chargebackId})");
        AppealDeadline = null;
        Status = DisputeStatus.Resolved;
        Settled = true;
        FinishedAt = now;
        Record(now, Actor.Clock, HistoryAction.Resolved, $"{Words.Of(DecidedBy.Chargeback)}: the buyer's bank decides the money ({chargebackId})");
    }
}
