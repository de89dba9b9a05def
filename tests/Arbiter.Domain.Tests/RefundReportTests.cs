using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

namespace Arbiter.Domain.Tests;

/// <summary>What the payment system reports about a refund is kept as it said it, latest reference first, and told in the history.</summary>
public class RefundReportTests
{
    private static (Scenario S, string Id) Cancelled()
    {
        var s = Scenario.Paid();
        s.Order.Cancel(Scenario.Buyer, s.Now).ShouldSucceed();
        return (s, s.Order.Refunds.Single().Id);
    }

    [Fact]
    public void The_latest_reference_wins_and_a_report_without_one_keeps_the_earlier()
    {
        var (s, id) = Cancelled();
        s.Order.ReportRefundSent(id, " re_1 ", Actor.Platform, s.Now).ShouldSucceed();
        Assert.Equal("re_1", s.Order.Refund(id)!.Reference);
        s.Order.ReportRefundFailed(id, "card closed", Actor.Platform, s.Now).ShouldSucceed();
        s.Order.RetryRefund(id, Actor.Platform, s.Now).ShouldSucceed();
        s.Order.ReportRefundSent(id, "re_2", Actor.Platform, s.Now).ShouldSucceed();
        Assert.Equal("re_2", s.Order.Refund(id)!.Reference);
        s.Order.ReportRefundCompleted(id, null, Actor.Platform, s.Now).ShouldSucceed();
        Assert.Equal("re_2", s.Order.Refund(id)!.Reference);

        var (other, otherId) = Cancelled();
        other.Order.ReportRefundSent(otherId, "re_1", Actor.Platform, other.Now).ShouldSucceed();
        other.Order.ReportRefundCompleted(otherId, "re_9", Actor.Platform, other.Now).ShouldSucceed();
        Assert.Equal("re_9", other.Order.Refund(otherId)!.Reference);
    }

    [Fact]
    public void Each_report_and_retry_is_told_in_the_history_with_what_it_said()
    {
        var (s, id) = Cancelled();
        s.Order.ReportRefundFailed(id, "card closed", Actor.Platform, s.Now).ShouldSucceed();
        s.Order.RetryRefund(id, Scenario.Mediator, s.Now).ShouldSucceed();
        s.Order.ReportRefundSent(id, "re_1", Actor.Platform, s.Now).ShouldSucceed();
        s.Order.ReportRefundCompleted(id, null, Actor.Platform, s.Now).ShouldSucceed();
        s.Order.ReportRefundCompleted(id, "re_2", Actor.Platform, s.Now).ShouldSucceed();

        Assert.Equal(
        [
            ("refund_failed", $"{id}: card closed"),
            ("refund_retried", $"{id}: attempt 2"),
            ("refund_sent", $"{id} (re_1)"),
            ("refund_completed", $"{id} (re_1)"),
        ],
        s.Order.History.SkipWhile(h => h.Action != HistoryAction.RefundFailed).Select(h => (Words.Of(h.Action), h.Details ?? "")));
    }

    [Fact]
    public void Reports_need_a_refund_of_the_order_and_come_from_the_platform_only()
    {
        var (s, id) = Cancelled();
        s.Order.ReportRefundSent("o1-r9", null, Actor.Platform, s.Now).ShouldFailWith("not_found");
        s.Order.ReportRefundSent(id, null, Scenario.Mediator, s.Now).ShouldFailWith("action_not_allowed_for_role");
        s.Order.ReportRefundFailed(id, " ", Actor.Platform, s.Now).ShouldFailWith("reason_required");
        s.Order.RetryRefund(id, Actor.Platform, s.Now).ShouldFailWith("invalid_refund_state");
        s.Order.RetryRefund(id, Scenario.Seller, s.Now).ShouldFailWith("action_not_allowed_for_role");

        var unrefunded = Scenario.Shipped();
        unrefunded.Order.ReportRefundSent("o1-r1", null, Actor.Platform, unrefunded.Now).ShouldFailWith("not_found");
        Assert.DoesNotContain(OrderAction.ReportRefund, unrefunded.Order.AllowedActions(Actor.Platform, unrefunded.Now));
        Assert.Contains(OrderAction.ReportRefund, s.Order.AllowedActions(Actor.Platform, s.Now));
    }
}
