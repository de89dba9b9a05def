using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Tests.Support;

namespace Arbiter.Domain.Tests;

public class AssignmentTests
{
    private static readonly Actor Colleague = new(Role.Mediator, "m2");

    [Fact]
    public void A_dispute_reaching_mediation_waits_for_a_mediator_until_the_assigner_gives_it_one()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        Assert.True(dispute.AwaitsAssignee);

        dispute.Assign("m2", s.Now).ShouldSucceed();

        Assert.False(dispute.AwaitsAssignee);
        Assert.Equal("m2", dispute.Escalation!.Assignee);
        Assert.Equal(s.Now, dispute.Escalation.AssignedAt);
        var entry = dispute.History[^1];
        Assert.Equal((HistoryAction.Assigned, "clock", "mediator:m2"), (entry.Action, entry.Actor, entry.Details));
        dispute.Assign("m1", s.Now).ShouldFailWith("already_assigned");
    }

    [Fact]
    public void A_mediator_takes_a_dispute_from_nobody_or_from_a_colleague_but_not_twice()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();

        dispute.Take(Scenario.Mediator, s.Now).ShouldSucceed();
        Assert.Equal("m1", dispute.Escalation!.Assignee);
        Assert.DoesNotContain(DisputeAction.Take, dispute.AllowedActions(Scenario.Mediator, s.Now));
        dispute.Take(Scenario.Mediator, s.Now).ShouldFailWith("already_assigned");

        dispute.Take(Colleague, s.Now).ShouldSucceed();
        Assert.Equal("m2", dispute.Escalation!.Assignee);
        Assert.Equal((Colleague.ToString(), "mediator:m2"), (dispute.History[^1].Actor, dispute.History[^1].Details));
    }

    [Fact]
    public void A_mediator_hands_a_dispute_only_to_another_mediator()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        dispute.Take(Scenario.Mediator, s.Now).ShouldSucceed();

        dispute.HandOver(Scenario.Mediator, null, s.Now).ShouldFailWith("invalid_assignee");
        dispute.HandOver(Scenario.Mediator, Scenario.Seller, s.Now).ShouldFailWith("invalid_assignee");
        dispute.HandOver(Scenario.Mediator, Scenario.Mediator, s.Now).ShouldFailWith("already_assigned");
        dispute.HandOver(Scenario.Mediator, Colleague, s.Now).ShouldSucceed();

        Assert.Equal("m2", dispute.Escalation!.Assignee);
        Assert.Equal((Scenario.Mediator.ToString(), "mediator:m2"), (dispute.History[^1].Actor, dispute.History[^1].Details));
    }

    [Fact]
    public void Parties_neither_take_nor_hand_over_and_nobody_assigns_outside_mediation()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();

        dispute.Take(Scenario.Mediator, s.Now).ShouldFailWith("invalid_state");
        dispute.Assign("m1", s.Now).ShouldFailWith("already_assigned");
        dispute.Escalate(Scenario.Seller, "We cannot agree.", s.Now).ShouldSucceed();
        dispute.Take(Scenario.Buyer, s.Now).ShouldFailWith("action_not_allowed_for_role");
        dispute.HandOver(Scenario.Seller, Colleague, s.Now).ShouldFailWith("action_not_allowed_for_role");
    }

    [Fact]
    public void An_appeal_starts_a_new_mediation_that_remembers_who_decided_first()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        dispute.Assign("m1", s.Now).ShouldSucceed();
        dispute.Decide(Colleague, MediatorOutcome.NoRefund, null, null, "Not shown.", s.Now).ShouldSucceed();

        dispute.AppealDecision(Scenario.Buyer, "The photos show it.", s.Now).ShouldSucceed();

        Assert.True(dispute.AwaitsAssignee);
        Assert.Equal("m2", dispute.Escalation!.FirstDecider);
    }

    [Fact]
    public void A_returned_item_refused_goes_back_to_the_mediator_who_had_it()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        dispute.Assign("m2", s.Now).ShouldSucceed();
        dispute.Decide(Colleague, MediatorOutcome.FullRefundWithReturn, null, null, "Send it back.", s.Now).ShouldSucceed();
        dispute.ShipReturn(Scenario.Buyer, "DHL", "R1", s.Now).ShouldSucceed();

        dispute.RefuseReturn(Scenario.Seller, "The box was empty.", s.Now).ShouldSucceed();

        Assert.Equal(DisputeStatus.Escalated, dispute.Status);
        Assert.Equal("m2", dispute.Escalation!.Assignee);
    }
}
