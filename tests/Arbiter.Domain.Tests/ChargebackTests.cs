using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Ledger;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

public class ChargebackTests
{
    private static Chargeback ChargeBack(Scenario s, long amount) =>
        s.Order.ReportChargeback(Actor.Platform, amount, "10.4 fraud: card absent", "cb_77", s.Now).ShouldSucceed();

    /// <summary>A dispute the seller settled with a partial refund, not yet paid.</summary>
    private static Refund PartlyRefunded(Scenario s, long amount)
    {
        var dispute = s.Open();
        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, amount, null, s.Now).ShouldSucceed();
        dispute.AcceptOffer(Scenario.Buyer, offer.Id, false, s.Now).ShouldSucceed();
        return s.Order.Refunds.Single();
    }

    [Fact]
    public void A_chargeback_ends_the_open_dispute_takes_the_money_from_escrow_and_holds_the_order_until_the_bank_decides()
    {
        var s = Scenario.Shipped(lines: 2);
        var dispute = s.Escalated();
        s.AdvanceDays(1);

        var chargeback = ChargeBack(s, 3500);

        Assert.Equal(("o1-c1", ChargebackStatus.Open, Usd(3500), Usd(0)), (chargeback.Id, chargeback.Status, chargeback.Booked, chargeback.Overlap));
        Assert.Equal([new ChargebackShare("l1", Usd(3500))], chargeback.Shares);
        Assert.Equal((DisputeStatus.Resolved, DecidedBy.Chargeback, Usd(0)), (dispute.Status, dispute.Outcome!.DecidedBy, dispute.Outcome.RefundAmount));
        Assert.Empty(dispute.Deadlines());
        Assert.Equal((Usd(1000), Usd(3500)), (s.Ledger.Held(), s.Ledger.ChargedBack()));
        Assert.Equal([PostingKind.Chargeback], s.Ledger.Postings.Skip(2).Select(p => p.Kind));
        s.Order.OpenDispute(Scenario.Buyer, "l2", Claim(), s.Now).ShouldFailWith("chargeback_open");
        s.Order.ConfirmReceipt(Scenario.Buyer, s.Now).ShouldFailWith("chargeback_open");
        Assert.DoesNotContain(OrderAction.OpenDispute, s.Order.AllowedActions(Scenario.Buyer, s.Now));
        Assert.Contains(OrderAction.CloseChargeback, s.Order.AllowedActions(Actor.Platform, s.Now));

        // Protection ends while the bank decides: nothing is released until it has.
        s.AdvanceTo(s.ProtectionEndsAt + TimeSpan.FromDays(1));
        Assert.Equal((OrderStatus.AwaitingConfirmation, Usd(0)), (s.Order.Status, s.Ledger.Released()));

        s.Order.CloseChargeback(Actor.Platform, chargeback.Id, won: false, s.Now).ShouldSucceed();

        Assert.Equal((OrderStatus.Completed, Usd(1000), Usd(3500)), (s.Order.Status, s.Ledger.Released(), s.Ledger.ChargedBack()));
        Assert.Empty(BooksAudit.Check(s.Order));
        Assert.Equal(["chargeback_opened", "chargeback_lost"], s.OrderActions.Where(a => a.StartsWith("chargeback", StringComparison.Ordinal)));
        Assert.Equal($"o1-c1: the buyer keeps {Usd(3500)}", s.Order.History.Single(h => h.Action == HistoryAction.ChargebackLost).Details);
    }

    [Fact]
    public void An_unsent_refund_is_withdrawn_the_bank_pays_its_share_and_the_rest_goes_out_again()
    {
        var s = Scenario.Shipped();
        var refund = PartlyRefunded(s, 1000);

        var chargeback = ChargeBack(s, 400);

        var withdrawn = s.Order.Refund(refund.Id)!;
        Assert.Equal((RefundStatus.Cancelled, "o1-c1", false), (withdrawn.Status, withdrawn.WithdrawnFor, withdrawn.NeedsAttention));
        Assert.Contains(s.Order.History, h => h.Action == HistoryAction.RefundCancelled && h.Details == "o1-r1: withdrawn, the buyer's bank returns the money instead (o1-c1)");
        var rest = s.Order.Refunds[^1];
        Assert.Equal(("o1-r2", Usd(600), RefundStatus.Pending, "o1-d1"), (rest.Id, rest.Amount, rest.Status, rest.DisputeId));
        Assert.Equal([new ReplacedRefund("o1-r1", Usd(400))], chargeback.Replaced);
        Assert.Equal((Usd(600), Usd(400)), (s.Ledger.Refunded(), s.Ledger.ChargedBack()));
        s.Order.ReportRefundCompleted(refund.Id, "re_late", Actor.Platform, s.Now).ShouldFailWith("invalid_refund_state");
        Assert.Empty(BooksAudit.Check(s.Order));

        s.Order.CloseChargeback(Actor.Platform, chargeback.Id, won: true, s.Now).ShouldSucceed();

        Assert.Contains(s.Order.History, h => h.Action == HistoryAction.ChargebackWon && h.Details == $"o1-c1: {Usd(400)} comes back");

        // The merchant won, but the dispute's refund still stands: what the bank paid instead goes out again.
        var again = s.Order.Refunds[^1];
        Assert.Equal(("o1-r3", Usd(400), "o1-d1"), (again.Id, again.Amount, again.DisputeId));
        Assert.Equal((Usd(1000), Usd(0)), (s.Ledger.Refunded(), s.Ledger.ChargedBack()));
        Assert.Equal(Usd(2500), s.Ledger.Released());
        Assert.Equal(OrderStatus.Completed, s.Order.Status);
        Assert.Empty(BooksAudit.Check(s.Order));
    }

    [Fact]
    public void Two_unsent_refunds_on_one_line_are_covered_in_turn_and_only_what_the_bank_leaves_goes_out_again()
    {
        // A first chargeback, won, leaves the line two refunds to send: the rest of the one it
        // replaced, and what it had covered, going out again.
        var s = Scenario.Shipped();
        PartlyRefunded(s, 1000);
        var first = ChargeBack(s, 400);
        s.Order.CloseChargeback(Actor.Platform, first.Id, won: true, s.Now).ShouldSucceed();
        Assert.Equal([("o1-r2", Usd(600)), ("o1-r3", Usd(400))], s.Order.Refunds.Where(r => r.Status == RefundStatus.Pending).Select(r => (r.Id, r.Amount)));

        var second = s.Order.ReportChargeback(Actor.Platform, 700, "10.4 fraud: card absent", "cb_78", s.Now).ShouldSucceed();

        Assert.Equal([new ReplacedRefund("o1-r2", Usd(600)), new ReplacedRefund("o1-r3", Usd(100))], second.Replaced);
        var rest = s.Order.Refunds[^1];
        Assert.Equal(("o1-r4", Usd(300), RefundStatus.Pending), (rest.Id, rest.Amount, rest.Status));
        Assert.Empty(BooksAudit.Check(s.Order));
    }

    [Fact]
    public void A_chargeback_over_a_refund_already_sent_books_only_what_is_left_and_tells_the_mediators()
    {
        var s = Scenario.Shipped();
        s.Open().AcceptClaim(Scenario.Seller, s.Now).ShouldSucceed();
        var refund = s.Order.Refunds.Single();
        s.Order.ReportRefundSent(refund.Id, "re_9", Actor.Platform, s.Now).ShouldSucceed();

        var chargeback = ChargeBack(s, 3500);

        Assert.Equal((Usd(0), Usd(3500), true), (chargeback.Booked, chargeback.Overlap, chargeback.NeedsAttention));
        Assert.Equal(["o1-r1"], chargeback.RefundsAlreadySent);
        Assert.Equal(RefundStatus.Sent, s.Order.Refund(refund.Id)!.Status);
        Assert.Contains("chargeback_needs_attention", s.OrderActions);
        Assert.Empty(BooksAudit.Check(s.Order));

        s.Order.CloseChargeback(Actor.Platform, chargeback.Id, won: false, s.Now).ShouldSucceed();

        Assert.False(s.Order.Chargeback(chargeback.Id)!.NeedsAttention);
        Assert.Contains("paid twice", s.Order.History[^1].Details);
        Assert.Empty(BooksAudit.Check(s.Order));
    }

    [Fact]
    public void A_refund_already_sent_on_another_line_is_no_concern_when_the_bank_takes_only_what_is_left()
    {
        var s = Scenario.Shipped(lines: 2);
        s.Open("l2").AcceptClaim(Scenario.Seller, s.Now).ShouldSucceed();
        s.Order.ReportRefundSent(s.Order.Refunds.Single().Id, "re_9", Actor.Platform, s.Now).ShouldSucceed();

        var chargeback = ChargeBack(s, 500);

        Assert.Equal((Usd(500), Usd(0), false), (chargeback.Booked, chargeback.Overlap, chargeback.NeedsAttention));
        Assert.Empty(chargeback.RefundsAlreadySent);
        Assert.DoesNotContain("chargeback_needs_attention", s.OrderActions);
    }

    [Fact]
    public void The_bank_takes_first_from_the_line_whose_refund_it_replaces_then_from_a_disputed_line_then_from_the_rest()
    {
        var disputed = Scenario.Shipped(lines: 2);
        disputed.Escalated("l2");

        Assert.Equal([new ChargebackShare("l2", Usd(1000)), new ChargebackShare("l1", Usd(500))], ChargeBack(disputed, 1500).Shares);

        var replaced = Scenario.Shipped(lines: 2);
        var settled = replaced.Open("l2");
        var offer = settled.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 400, null, replaced.Now).ShouldSucceed();
        settled.AcceptOffer(Scenario.Buyer, offer.Id, false, replaced.Now).ShouldSucceed();
        replaced.Escalated("l1");

        Assert.Equal([new ChargebackShare("l2", Usd(1000)), new ChargebackShare("l1", Usd(500))], ChargeBack(replaced, 1500).Shares);
    }

    [Fact]
    public void A_chargeback_won_after_protection_ran_out_pays_the_seller_and_completes_the_order()
    {
        var s = Scenario.Shipped();
        var chargeback = ChargeBack(s, 3500);
        s.AdvanceTo(s.ProtectionEndsAt + TimeSpan.FromDays(1));
        Assert.Equal(OrderStatus.AwaitingConfirmation, s.Order.Status);

        s.Order.CloseChargeback(Actor.Platform, chargeback.Id, won: true, s.Now).ShouldSucceed();

        Assert.Equal((OrderStatus.Completed, Usd(3500), Usd(0)), (s.Order.Status, s.Ledger.Released(), s.Ledger.Held()));
        Assert.Empty(BooksAudit.Check(s.Order));
    }

    [Fact]
    public void After_the_seller_was_paid_the_bank_takes_back_from_the_sellers_side_and_a_won_chargeback_pays_the_seller_again()
    {
        var s = Scenario.Shipped();
        s.Order.ConfirmReceipt(Scenario.Buyer, s.Now).ShouldSucceed();

        var chargeback = ChargeBack(s, 3500);

        Assert.Equal([PostingKind.ChargebackClawback], s.Ledger.Postings.Skip(2).Select(p => p.Kind));
        Assert.Equal((Usd(0), Usd(3500)), (s.Ledger.Released(), s.Ledger.ChargedBack()));

        s.Order.CloseChargeback(Actor.Platform, chargeback.Id, won: true, s.Now).ShouldSucceed();

        Assert.Equal([PostingKind.ChargebackClawback, PostingKind.ChargebackReversed, PostingKind.Release], s.Ledger.Postings.Skip(2).Select(p => p.Kind));
        Assert.Equal((Usd(3500), Usd(0), Usd(0)), (s.Ledger.Released(), s.Ledger.ChargedBack(), s.Ledger.Held()));
        Assert.Empty(BooksAudit.Check(s.Order));
    }

    [Fact]
    public void An_order_that_closed_for_the_buyer_while_the_bank_decided_refunds_what_a_won_chargeback_brings_back()
    {
        var s = Scenario.Paid(lines: 2);
        var chargeback = ChargeBack(s, 1200);
        Assert.Equal([new ChargebackShare("l1", Usd(1200))], chargeback.Shares);

        s.AdvanceDays(30);
        Assert.Equal((OrderStatus.Closed, Usd(3300)), (s.Order.Status, s.Ledger.Refunded()));

        s.Order.CloseChargeback(Actor.Platform, chargeback.Id, won: true, s.Now).ShouldSucceed();

        Assert.Equal((Usd(4500), Usd(0), Usd(0)), (s.Ledger.Refunded(), s.Ledger.Held(), s.Ledger.Released()));
        Assert.Empty(BooksAudit.Check(s.Order));
    }

    [Fact]
    public void A_dispute_the_mediator_decided_ends_inside_its_appeal_window_and_nothing_can_be_appealed()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated();
        dispute.Decide(Scenario.Mediator, MediatorOutcome.FullRefund, null, null, "Broken.", s.Now).ShouldSucceed();

        ChargeBack(s, 3500);

        Assert.Equal((DisputeStatus.Resolved, true, null, DecidedBy.Chargeback), (dispute.Status, dispute.Settled, dispute.AppealDeadline, dispute.Outcome!.DecidedBy));
        dispute.AppealDecision(Scenario.Seller, "Unfair.", s.Now).ShouldFailWith("not_appealable");
        Assert.Empty(s.Order.Refunds);
        Assert.Empty(BooksAudit.Check(s.Order));
    }

    [Fact]
    public void The_order_never_pays_back_more_than_was_paid()
    {
        var s = Scenario.Shipped(lines: 2);
        ChargeBack(s, 4000);

        s.Order.ReportChargeback(Actor.Platform, 501, "again", null, s.Now).ShouldFailWith("chargeback_exceeds_payment");
        var second = s.Order.ReportChargeback(Actor.Platform, 500, "the rest", null, s.Now).ShouldSucceed();

        Assert.Equal((Usd(4500), Usd(0)), (s.Ledger.ChargedBack(), s.Ledger.Held()));
        Assert.Equal([new ChargebackShare("l2", Usd(500))], second.Shares);
        Assert.All(s.Order.Lines, line => Assert.True(s.Order.Refundable(line).IsZero));
        Assert.Empty(BooksAudit.Check(s.Order));
    }

    [Theory]
    [InlineData(0, "fraud", "invalid_amount")]
    [InlineData(-5, "fraud", "invalid_amount")]
    [InlineData(100, " ", "reason_required")]
    public void A_report_without_an_amount_or_a_reason_changes_nothing(long amount, string reason, string code)
    {
        var s = Scenario.Shipped();

        s.Order.ReportChargeback(Actor.Platform, amount, reason, null, s.Now).ShouldFailWith(code);

        Assert.Empty(s.Order.Chargebacks);
        Assert.DoesNotContain(s.Order.NewEvents, e => e.Entry.Action == HistoryAction.ChargebackOpened);
    }

    [Fact]
    public void Only_the_platform_reports_and_closes_chargebacks_and_each_closes_once()
    {
        var s = Scenario.Shipped();
        s.Order.ReportChargeback(Scenario.Buyer, 100, "fraud", null, s.Now).ShouldFailWith("action_not_allowed_for_role");
        s.Order.ReportChargeback(Scenario.Mediator, 100, "fraud", null, s.Now).ShouldFailWith("action_not_allowed_for_role");
        s.Order.ReportChargeback(new Actor(Role.Seller, "s2"), 100, "fraud", null, s.Now).ShouldFailWith("not_found");
        var chargeback = ChargeBack(s, 100);
        s.Order.CloseChargeback(Scenario.Seller, chargeback.Id, won: true, s.Now).ShouldFailWith("action_not_allowed_for_role");
        s.Order.CloseChargeback(Actor.Platform, "o1-c9", won: true, s.Now).ShouldFailWith("not_found");

        s.Order.CloseChargeback(Actor.Platform, chargeback.Id, won: true, s.Now).ShouldSucceed();

        s.Order.CloseChargeback(Actor.Platform, chargeback.Id, won: false, s.Now).ShouldFailWith("invalid_chargeback_state");
        Assert.NotNull(s.Open());
    }
}
