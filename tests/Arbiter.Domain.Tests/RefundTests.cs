using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Ledger;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

public class RefundTests
{
    private static Refund Refunded(Scenario s)
    {
        var dispute = s.Open();
        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 1000, null, s.Now).ShouldSucceed();
        dispute.AcceptOffer(Scenario.Buyer, offer.Id, false, s.Now).ShouldSucceed();
        return s.Order.Refunds.Single();
    }

    [Fact]
    public void The_payment_system_reports_a_refund_sent_then_completed_and_repeats_change_nothing()
    {
        var s = Scenario.Shipped();
        var refund = Refunded(s);
        Assert.Equal(RefundStatus.Pending, refund.Status);

        s.Order.ReportRefundSent(refund.Id, "re_1", Actor.Platform, s.Now).ShouldSucceed();
        s.Order.ReportRefundSent(refund.Id, "re_1", Actor.Platform, s.Now).ShouldSucceed();
        s.AdvanceDays(8);
        s.Order.ReportRefundCompleted(refund.Id, null, Actor.Platform, s.Now).ShouldSucceed();
        s.Order.ReportRefundCompleted(refund.Id, null, Actor.Platform, s.Now).ShouldSucceed();

        var done = s.Order.Refund(refund.Id)!;
        Assert.Equal((RefundStatus.Completed, "re_1", 1), (done.Status, done.Reference, done.Attempt));
        Assert.Equal(["refund_created", "refund_sent", "refund_completed"], s.OrderActions.Where(a => a.StartsWith("refund_", StringComparison.Ordinal)));
        s.Order.ReportRefundFailed(refund.Id, "card closed", Actor.Platform, s.Now).ShouldFailWith("invalid_refund_state");
    }

    [Fact]
    public void A_failed_refund_is_asked_for_again_after_a_day_then_two_then_waits_for_a_person()
    {
        var s = Scenario.Shipped();
        var refund = Refunded(s);

        s.Order.ReportRefundFailed(refund.Id, "card expired", Actor.Platform, s.Now).ShouldSucceed();
        Assert.Equal(s.Now.AddDays(1), s.Order.Refund(refund.Id)!.RetryAt);
        s.AdvanceDays(1);
        Assert.Equal((RefundStatus.Pending, 2), (s.Order.Refund(refund.Id)!.Status, s.Order.Refund(refund.Id)!.Attempt));

        s.Order.ReportRefundFailed(refund.Id, "card expired", Actor.Platform, s.Now).ShouldSucceed();
        s.AdvanceDays(1.5);
        Assert.Equal(RefundStatus.Failed, s.Order.Refund(refund.Id)!.Status);
        s.AdvanceDays(0.5);
        Assert.Equal((RefundStatus.Pending, 3), (s.Order.Refund(refund.Id)!.Status, s.Order.Refund(refund.Id)!.Attempt));

        s.Order.ReportRefundFailed(refund.Id, "card expired", Actor.Platform, s.Now).ShouldSucceed();
        s.AdvanceDays(30);
        var stuck = s.Order.Refund(refund.Id)!;
        Assert.Equal((RefundStatus.Failed, true, null), (stuck.Status, stuck.NeedsAttention, stuck.RetryAt));
        Assert.Contains("refund_needs_attention", s.OrderActions);

        s.Order.RetryRefund(refund.Id, Scenario.Mediator, s.Now).ShouldSucceed();
        var retried = s.Order.Refund(refund.Id)!;
        Assert.Equal((RefundStatus.Pending, 4, false), (retried.Status, retried.Attempt, retried.NeedsAttention));
    }

    [Fact]
    public void The_money_of_a_failed_refund_stays_owed_to_the_buyer_and_moves_once()
    {
        var s = Scenario.Shipped();
        var refund = Refunded(s);
        var owed = s.Order.Ledger.Balance(LedgerAccount.BuyerRefund);
        var postings = s.Order.Ledger.Postings.Count;

        s.Order.ReportRefundFailed(refund.Id, "bank said no", Actor.Platform, s.Now).ShouldSucceed();
        s.AdvanceDays(1);
        s.Order.ReportRefundCompleted(refund.Id, "re_2", Actor.Platform, s.Now).ShouldSucceed();

        Assert.Equal(owed, s.Order.Ledger.Balance(LedgerAccount.BuyerRefund));
        Assert.Equal(postings, s.Order.Ledger.Postings.Count);
        Assert.Equal(Usd(1000), owed);
    }

    [Fact]
    public void Reports_need_a_known_refund_a_reason_for_a_failure_and_retries_only_failed_refunds()
    {
        var s = Scenario.Shipped();
        var refund = Refunded(s);

        s.Order.ReportRefundSent("nope", null, Actor.Platform, s.Now).ShouldFailWith("not_found");
        s.Order.ReportRefundFailed(refund.Id, " ", Actor.Platform, s.Now).ShouldFailWith("reason_required");
        s.Order.RetryRefund(refund.Id, Scenario.Mediator, s.Now).ShouldFailWith("invalid_refund_state");
    }
}
