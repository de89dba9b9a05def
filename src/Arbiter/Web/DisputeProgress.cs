using Arbiter.Domain;
using Arbiter.Domain.Disputes;

namespace Arbiter.Web;

/// <summary>The steps a dispute goes through, as its progress line shows them.</summary>
internal enum DisputeStep
{
    Opened,
    SellersAnswer,
    Negotiation,
    Mediation,
    Outcome,
    Money,
}

/// <summary>Where a step stands: behind the dispute, where it is now, ahead of it, or passed by without being needed.</summary>
internal enum StepState
{
    Done,
    Current,
    Upcoming,
    Skipped,
}

/// <summary>
/// Where a dispute stands on its way from opening to the money moving, read from its status,
/// outcome and history: what is behind it, the step it is on, and what is still ahead.
/// </summary>
internal static class DisputeProgress
{
    private static readonly HashSet<HistoryAction> Answers = [HistoryAction.ClaimAccepted, HistoryAction.Rejected, HistoryAction.OfferMade, HistoryAction.SellerDidNotRespond];

    private static readonly HashSet<HistoryAction> Bargaining = [HistoryAction.Rejected, HistoryAction.OfferMade];

    private static readonly HashSet<DisputeStatus> Negotiating = [DisputeStatus.Negotiating, DisputeStatus.WaitingForDelivery, DisputeStatus.AwaitingReplacement, DisputeStatus.AwaitingReplacementReceipt];

    public static IReadOnlyList<(DisputeStep Step, StepState State)> Of(Dispute d)
    {
        var over = d.Status is DisputeStatus.Resolved or DisputeStatus.Cancelled;
        var happened = d.History.Select(h => h.Action).ToHashSet();
        StepState Passed(bool current, bool done, bool reachedLater) =>
            current ? StepState.Current : done ? StepState.Done : reachedLater ? StepState.Skipped : StepState.Upcoming;

        var answered = happened.Overlaps(Answers);
        var mediated = d.Escalation is not null;
        var decided = d.Outcome is not null;
        return
        [
            (DisputeStep.Opened, StepState.Done),
            (DisputeStep.SellersAnswer, Passed(d.Status == DisputeStatus.AwaitingSellerResponse, answered, over || decided)),
            (DisputeStep.Negotiation, Passed(Negotiating.Contains(d.Status), happened.Overlaps(Bargaining) && !Negotiating.Contains(d.Status), over || decided || mediated)),
            (DisputeStep.Mediation, Passed(d.Status == DisputeStatus.Escalated, mediated, over || decided)),
            (DisputeStep.Outcome, Passed(d.Status is DisputeStatus.AwaitingReturn or DisputeStatus.AwaitingReturnReceipt, decided || over, false)),
            (DisputeStep.Money, d.Status == DisputeStatus.Cancelled ? StepState.Skipped : Passed(d.Status == DisputeStatus.Resolved && !d.Settled, d.Settled, false)),
        ];
    }
}
