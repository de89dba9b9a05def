using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Tests.Support;

namespace Arbiter.Domain.Tests;

public class ReminderTests
{
    private static IEnumerable<(DateTimeOffset At, string Action)> Reminders(Dispute dispute) =>
        dispute.History.Where(h => Words.Of(h.Action).EndsWith("_reminder", StringComparison.Ordinal)).Select(h => (h.At, Words.Of(h.Action)));

    [Fact]
    public void The_seller_is_reminded_a_day_before_the_answer_is_due_once()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();

        s.AdvanceDays(3.9);
        Assert.Empty(Reminders(dispute));
        s.AdvanceDays(0.2);
        Assert.Equal([(Scenario.Start.AddDays(4), "seller_response_reminder")], Reminders(dispute));
        Assert.Equal(DeadlineKind.SellerResponse, dispute.CurrentDeadline!.Kind);
        Assert.DoesNotContain(dispute.Deadlines(), d => d.Kind == DeadlineKind.Reminder);
    }

    [Fact]
    public void The_parties_asked_are_reminded_before_the_mediators_question_is_due_and_the_buyer_before_a_return_is()
    {
        var s = Scenario.Shipped();
        var dispute = s.Escalated(claim: Scenario.Claim(solution: Solution.ReturnAndRefund));
        var request = dispute.RequestInfo(Scenario.Mediator, [Party.Seller], "Tracking?", 2, s.Now).ShouldSucceed();

        s.AdvanceTo(request.DueAt.AddHours(-23));
        Assert.Equal(["info_request_reminder"], Reminders(dispute).Select(r => r.Action));
        Assert.Contains("from seller", dispute.History[^1].Details, StringComparison.Ordinal);

        dispute.Decide(Scenario.Mediator, MediatorOutcome.FullRefundWithReturn, null, Party.Seller, "Send it back.", s.Now).ShouldSucceed();
        s.AdvanceDays(7.1);
        var shipBy = dispute.Return!.ShipBy;
        s.AdvanceTo(shipBy.AddDays(-1));
        Assert.Equal(["info_request_reminder", "return_shipment_reminder"], Reminders(dispute).Select(r => r.Action));
    }

    [Fact]
    public void A_deadline_too_short_for_a_reminder_gets_none_and_a_zero_lead_turns_reminders_off()
    {
        var s = Scenario.Shipped(policy: Policy.Default with { DeadlineReminder = TimeSpan.FromDays(6) });
        var dispute = s.Open();
        s.AdvanceDays(6);
        Assert.Empty(Reminders(dispute));

        var quiet = Scenario.Shipped(policy: Policy.Default with { DeadlineReminder = TimeSpan.Zero });
        var other = quiet.Open();
        Assert.DoesNotContain(other.Deadlines(), d => d.Kind == DeadlineKind.Reminder);
        quiet.AdvanceDays(6);
        Assert.Empty(Reminders(other));
    }
}
