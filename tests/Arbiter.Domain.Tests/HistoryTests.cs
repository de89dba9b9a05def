using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Tests.Support;

namespace Arbiter.Domain.Tests;

public class HistoryTests
{
    [Fact]
    public void A_disputes_history_records_every_action_and_timer_in_order_with_its_actor()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();
        s.AdvanceDays(1);
        dispute.Reject(Scenario.Seller, "No.", s.Now).ShouldSucceed();
        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 300, null, s.Now).ShouldSucceed();
        dispute.DeclineOffer(Scenario.Buyer, offer.Id, s.Now).ShouldSucceed();
        dispute.SendMessage(Scenario.Buyer, "Please refund properly.", s.Now).ShouldSucceed();
        s.AdvanceDays(7);
        var request = dispute.RequestInfo(Scenario.Mediator, [Party.Buyer], "Photos?", 2, s.Now).ShouldSucceed();
        dispute.AnswerInfoRequest(Scenario.Buyer, request.Id, "Attached.", null, s.Now).ShouldSucceed();
        dispute.Decide(Scenario.Mediator, MediatorOutcome.FullRefund, null, null, "Clear damage.", s.Now).ShouldSucceed();
        s.AdvanceDays(7);

        Assert.Equal(
            [
                ("buyer:b1", "opened"),
                ("seller:s1", "rejected"),
                ("seller:s1", "offer_made"),
                ("buyer:b1", "offer_declined"),
                ("buyer:b1", "message_sent"),
                ("clock", "escalated"),
                ("mediator:m1", "info_requested"),
                ("buyer:b1", "info_answered"),
                ("mediator:m1", "decided"),
                ("clock", "resolved"),
                ("clock", "appeal_window_closed"),
            ],
            dispute.History.Select(h => (h.Actor, Words.Of(h.Action))));
        Assert.Equal(dispute.History.Select(h => h.At).Order(), dispute.History.Select(h => h.At));
        Assert.Equal(Scenario.Start.AddDays(8), dispute.History.Single(h => h.Action == HistoryAction.Escalated).At);
    }

    [Fact]
    public void The_orders_history_records_money_and_timers()
    {
        var s = Scenario.Shipped(lines: 2);
        s.Open(claim: Scenario.Claim(amount: 1000));
        s.AdvanceDays(70);

        Assert.Equal(
            ["order_created", "shipped", "dispute_opened", "refund_created", "protection_reminder", "protection_ended", "order_completed"],
            s.OrderActions);
        Assert.Equal(Scenario.Start.AddDays(5), s.Order.History.Single(h => h.Action == HistoryAction.RefundCreated).At);
    }

    [Fact]
    public void A_refused_command_leaves_no_trace_in_history()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();
        var before = dispute.History.Count;

        dispute.Escalate(Scenario.Buyer, null, s.Now).ShouldFailWith("seller_has_not_responded");
        dispute.Decide(Scenario.Mediator, MediatorOutcome.FullRefund, null, null, "Early.", s.Now).ShouldFailWith("invalid_state");
        dispute.AcceptOffer(Scenario.Buyer, "of1", false, s.Now).ShouldFailWith("offer_not_found");

        Assert.Equal(before, dispute.History.Count);
    }
}
