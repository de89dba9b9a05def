using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

public class AppealTests
{
    private static (Scenario Scenario, Dispute Dispute) Decided(MediatorOutcome outcome = MediatorOutcome.FullRefund, long? amount = null)
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        s.AdvanceDays(1);
        dispute.Decide(Scenario.Mediator, outcome, amount, null, "First decision.", s.Now).ShouldSucceed();
        return (s, dispute);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Either_party_may_appeal_within_seven_days_and_the_money_waits(bool buyerAppeals)
    {
        var (s, dispute) = Decided();
        s.AdvanceDays(6);

        dispute.AppealDecision(buyerAppeals ? Scenario.Buyer : Scenario.Seller, "The mediator missed my photos.", s.Now).ShouldSucceed();

        Assert.Equal(DisputeStatus.Escalated, dispute.Status);
        Assert.True(dispute.Escalation!.Appealed);
        Assert.Equal(buyerAppeals ? Party.Buyer : Party.Seller, dispute.Appeal!.By);
        Assert.Null(dispute.Outcome);
        Assert.Null(dispute.AppealDeadline);
        s.AdvanceDays(30);
        Assert.Equal(Usd(3500), s.Ledger.Held());
    }

    [Fact]
    public void The_decision_after_an_appeal_is_final_and_carried_out_at_once()
    {
        var (s, dispute) = Decided();
        dispute.AppealDecision(Scenario.Seller, "It was fine.", s.Now).ShouldSucceed();
        s.AdvanceDays(2);

        dispute.Decide(Scenario.Mediator, MediatorOutcome.PartialRefund, 700, null, "On review, partly.", s.Now).ShouldSucceed();

        Assert.True(dispute.IsFinished);
        Assert.Null(dispute.AppealDeadline);
        Assert.Equal(Usd(700), s.Ledger.Refunded());
        Assert.Equal(Usd(2800), s.Ledger.Released());
        Assert.Contains(dispute.History, h => h.Action == HistoryAction.FinalDecision);
        dispute.AppealDecision(Scenario.Buyer, "Again!", s.Now).ShouldFailWith("not_appealable");
    }

    [Fact]
    public void An_appeal_at_the_end_of_the_window_is_too_late()
    {
        var (s, dispute) = Decided();

        dispute.AppealDecision(Scenario.Buyer, "Late.", dispute.AppealDeadline!.Value).ShouldFailWith("deadline_passed");
        s.AdvanceDays(7);
        dispute.AppealDecision(Scenario.Buyer, "Late.", s.Now).ShouldFailWith("not_appealable");
        Assert.Contains(dispute.History, h => h is { Action: HistoryAction.AppealWindowClosed, Actor: "clock" });
    }

    [Fact]
    public void Only_a_mediators_decision_can_be_appealed()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();
        dispute.AcceptClaim(Scenario.Seller, s.Now).ShouldSucceed();

        dispute.AppealDecision(Scenario.Seller, "I changed my mind.", s.Now).ShouldFailWith("not_appealable");
        dispute.AppealDecision(Scenario.Mediator, "Me too.", s.Now).ShouldFailWith("action_not_allowed_for_role");
    }

    [Fact]
    public void An_appeal_needs_a_reason()
    {
        var (s, dispute) = Decided();

        dispute.AppealDecision(Scenario.Buyer, " ", s.Now).ShouldFailWith("reason_required");
        Assert.Null(dispute.Appeal);
    }

    [Fact]
    public void Receipt_cannot_be_confirmed_while_a_decision_may_still_be_appealed()
    {
        var (s, _) = Decided(MediatorOutcome.NoRefund);

        s.Order.ConfirmReceipt(Scenario.Buyer, s.Now).ShouldFailWith("dispute_open");
        s.AdvanceDays(7);
        Assert.Equal(OrderStatus.Completed, s.Order.Status);
    }
}
