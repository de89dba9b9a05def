using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Tests.Support;
using static Arbiter.Domain.Disputes.DisputeAction;

namespace Arbiter.Domain.Tests;

public class AllowedActionsTests
{
    [Fact]
    public void Awaiting_the_seller_the_seller_answers_and_the_buyer_may_only_edit_or_withdraw()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();

        Assert.Equal([AcceptClaim, Reject, MakeOffer, Escalate, SendMessage, AddEvidence], dispute.AllowedActions(Scenario.Seller, s.Now));
        Assert.Equal([ChangeClaim, Cancel, SendMessage, AddEvidence], dispute.AllowedActions(Scenario.Buyer, s.Now));
        Assert.Empty(dispute.AllowedActions(Scenario.Mediator, s.Now));
        Assert.Empty(dispute.AllowedActions(Actor.Platform, s.Now));
    }

    [Fact]
    public void While_negotiating_the_buyer_can_answer_a_pending_offer_or_escalate()
    {
        var s = Scenario.Shipped();
        var dispute = s.Negotiating();
        Assert.Equal([ChangeClaim, Cancel, Escalate, SendMessage, AddEvidence], dispute.AllowedActions(Scenario.Buyer, s.Now));

        dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 100, null, s.Now).ShouldSucceed();

        Assert.Equal([AcceptOffer, DeclineOffer, ChangeClaim, Cancel, Escalate, SendMessage, AddEvidence], dispute.AllowedActions(Scenario.Buyer, s.Now));
        Assert.Equal([AcceptClaim, MakeOffer, Escalate, SendMessage, AddEvidence], dispute.AllowedActions(Scenario.Seller, s.Now));
    }

    [Fact]
    public void In_mediation_a_party_answers_only_when_asked()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        Assert.Equal([Cancel, SendMessage, AddEvidence], dispute.AllowedActions(Scenario.Buyer, s.Now));

        dispute.RequestInfo(Scenario.Mediator, [Party.Buyer], "Photos?", null, s.Now).ShouldSucceed();

        Assert.Equal([Cancel, SendMessage, AddEvidence, AnswerInfoRequest], dispute.AllowedActions(Scenario.Buyer, s.Now));
        Assert.Equal([AcceptClaim, MakeOffer, SendMessage, AddEvidence], dispute.AllowedActions(Scenario.Seller, s.Now));
    }

    [Fact]
    public void After_a_mediators_decision_both_parties_may_appeal_until_the_window_closes()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        dispute.Decide(Scenario.Mediator, MediatorOutcome.NoRefund, null, null, "Fine.", s.Now).ShouldSucceed();

        Assert.Contains(DisputeAction.Appeal, dispute.AllowedActions(Scenario.Buyer, s.Now));
        Assert.Contains(DisputeAction.Appeal, dispute.AllowedActions(Scenario.Seller, s.Now));
        Assert.DoesNotContain(DisputeAction.Appeal, dispute.AllowedActions(Scenario.Buyer, s.Now.AddDays(7)));
    }

    [Fact]
    public void A_cancelled_dispute_allows_nothing()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();
        dispute.Cancel(Scenario.Buyer, false, s.Now).ShouldSucceed();

        Assert.Empty(dispute.AllowedActions(Scenario.Buyer, s.Now));
        Assert.Empty(dispute.AllowedActions(Scenario.Seller, s.Now));
        dispute.SendMessage(Scenario.Seller, "Thanks!", s.Now).ShouldFailWith("invalid_state");
    }

    [Fact]
    public void Every_action_belongs_to_some_role_and_none_to_the_clock()
    {
        foreach (var action in Enum.GetValues<DisputeAction>())
        {
            Assert.Contains(Enum.GetValues<Role>(), role => DisputeRules.EverAllows(action, role));
            Assert.False(DisputeRules.EverAllows(action, Role.Clock));
        }
    }
}
