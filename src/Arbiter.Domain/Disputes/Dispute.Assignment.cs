using Arbiter.Domain.Common;

namespace Arbiter.Domain.Disputes;

/// <summary>
/// Which mediator works on a dispute in mediation: given by the assigner to the least busy one when
/// it arrives, taken by a mediator, or handed over to another. Assignment routes the work and whom
/// the parties' answers are mailed to; any mediator may still act on any escalated dispute.
/// </summary>
public sealed partial class Dispute
{
    /// <summary>In mediation with nobody assigned: the assigner gives it to a mediator.</summary>
    public bool AwaitsAssignee => Status == DisputeStatus.Escalated && Escalation is { Assignee: null };

    /// <summary>The mediator takes the dispute, from nobody or from a colleague.</summary>
    public Result Take(Actor mediator, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.Take, mediator, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        AssignTo(mediator, mediator.Id!, now);
        return Result.Ok;
    }

    /// <summary>A mediator hands the dispute to another mediator (<paramref name="to"/> null: no such account).</summary>
    public Result HandOver(Actor mediator, Actor? to, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.HandOver, mediator, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        if (to is not { Role: Role.Mediator, Id: { } assignee })
        {
            return DomainError.Invalid(ErrorCode.InvalidAssignee, "to must name a mediator's account.");
        }

        if (Escalation!.Assignee == assignee)
        {
            return DomainError.Conflict(ErrorCode.AlreadyAssigned, "The dispute is already assigned to that mediator.");
        }

        AssignTo(mediator, assignee, now);
        return Result.Ok;
    }

    /// <summary>The assigner gives a dispute waiting in mediation to a mediator it chose.</summary>
    public Result Assign(string mediatorId, DateTimeOffset now)
    {
        if (!AwaitsAssignee)
        {
            return DomainError.Conflict(ErrorCode.AlreadyAssigned, "The dispute is not waiting for a mediator.");
        }

        AssignTo(Actor.Clock, mediatorId, now);
        return Result.Ok;
    }

    private void AssignTo(Actor by, string mediatorId, DateTimeOffset now)
    {
        Escalation = Escalation! with { Assignee = mediatorId, AssignedAt = now };
        Record(now, by, HistoryAction.Assigned, new Actor(Role.Mediator, mediatorId).ToString());
    }
}
