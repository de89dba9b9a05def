using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

/// <summary>A refused command leaves the dispute as it was: no offer, no claim, no message, no outcome.</summary>
public class RefusalTests
{
    [Fact]
    public void A_buyer_cannot_make_offers_nor_a_seller_change_the_claim_and_nothing_changes()
    {
        var s = Scenario.Shipped();
        var dispute = s.Negotiating();
        var claim = dispute.Claim;

        dispute.MakeOffer(Scenario.Buyer, OfferType.RefundOnly, 100, null, s.Now).Plain().ShouldFailWith("action_not_allowed_for_role");
        dispute.ChangeClaim(Scenario.Seller, Scenario.Claim(amount: 100), s.Now).ShouldFailWith("action_not_allowed_for_role");
        dispute.AcceptClaim(Scenario.Buyer, s.Now).ShouldFailWith("action_not_allowed_for_role");
        dispute.Reject(Scenario.Seller, null, s.Now).ShouldFailWith("invalid_state");
        dispute.Cancel(Scenario.Seller, true, s.Now).ShouldFailWith("action_not_allowed_for_role");
        dispute.Escalate(Scenario.Mediator, null, s.Now).ShouldFailWith("action_not_allowed_for_role");
        dispute.SendMessage(new Actor(Role.Buyer, "b2"), "Hi.", s.Now).Plain().ShouldFailWith("not_found");

        Assert.Empty(dispute.Offers);
        Assert.Empty(dispute.Messages);
        Assert.Same(claim, dispute.Claim);
        Assert.Equal(DisputeStatus.Negotiating, dispute.Status);
        Assert.Null(dispute.Outcome);
    }

    [Fact]
    public void Nothing_can_be_offered_claimed_or_escalated_on_a_finished_dispute()
    {
        var s = Scenario.Shipped();
        var dispute = s.Negotiating();
        var pending = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 100, null, s.Now).ShouldSucceed();
        dispute.Cancel(Scenario.Buyer, false, s.Now).ShouldSucceed();

        Assert.Equal(OfferStatus.Superseded, dispute.Offers.Single(o => o.Id == pending.Id).Status);
        Assert.Equal(new Outcome(Usd(0), false, DecidedBy.BuyerCancelled, s.Now), dispute.Outcome);
        dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 100, null, s.Now).Plain().ShouldFailWith("invalid_state");
        dispute.ChangeClaim(Scenario.Buyer, Scenario.Claim(amount: 100), s.Now).ShouldFailWith("invalid_state");
        dispute.AcceptClaim(Scenario.Seller, s.Now).ShouldFailWith("invalid_state");
        dispute.Escalate(Scenario.Seller, null, s.Now).ShouldFailWith("invalid_state");
        dispute.SendMessage(Scenario.Seller, "Hello?", s.Now).Plain().ShouldFailWith("invalid_state");
        Assert.Single(dispute.Offers);
    }

    [Fact]
    public void Messages_are_kept_in_order_with_their_author_and_a_clean_message_records_no_warning()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();
        dispute.SendMessage(Scenario.Seller, "  We are sorry.  ", s.Now).ShouldSucceed();
        dispute.SendMessage(Scenario.Buyer, "Thanks.", s.Now).ShouldSucceed();

        Assert.Equal([("m1", "seller:s1", "We are sorry."), ("m2", "buyer:b1", "Thanks.")], dispute.Messages.Select(m => (m.Id, m.Author, m.Text)));
        Assert.Equal("m1", dispute.History.First(h => h.Action == HistoryAction.MessageSent).Details);
    }

    [Fact]
    public void Cancelling_a_mediation_needs_confirmation_and_is_told_as_such()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        dispute.Cancel(Scenario.Buyer, true, s.Now).ShouldSucceed();

        Assert.Contains(dispute.History, h => h is { Action: HistoryAction.EscalationCancelled, Details: "the seller is paid" });
        Assert.Equal((Usd(0), false), (dispute.Outcome!.RefundAmount, dispute.Outcome.ReturnRequired));
    }
}
