using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

/// <summary>Asking for more time is a button: one party asks, the other answers, and silence lets the request expire.</summary>
public class ExtensionRequestTests
{
    [Fact]
    public void The_buyer_asks_for_more_protection_and_the_sellers_yes_extends_it_like_the_sellers_own_extension()
    {
        var s = Shipped();
        var endsAt = s.ProtectionEndsAt;

        var request = s.Order.RequestProtectionExtension(Buyer, 10, "The post is slow here.", s.Now).ShouldSucceed();

        Assert.Equal(new ExtensionRequest("er1", ExtensionKind.Protection, 10, "The post is slow here.", ExtensionRequestStatus.Pending, s.Now, s.Now.AddDays(3)), request);
        Assert.Equal(endsAt, s.ProtectionEndsAt);
        Assert.Contains(OrderAction.AnswerProtectionExtension, s.Order.AllowedActions(Seller, s.Now));
        s.AdvanceDays(1);

        s.Order.AnswerExtensionRequest(Seller, "er1", accept: true, s.Now).ShouldSucceed();

        Assert.Equal(endsAt.AddDays(10), s.ProtectionEndsAt);
        Assert.Equal(10, s.Order.ProtectionExtendedDays);
        Assert.Equal((ExtensionRequestStatus.Accepted, s.Now), (s.Order.ExtensionRequests[0].Status, s.Order.ExtensionRequests[0].AnsweredAt));
        Assert.DoesNotContain(OrderAction.AnswerProtectionExtension, s.Order.AllowedActions(Seller, s.Now));
    }

    [Fact]
    public void A_declined_or_unanswered_request_changes_nothing_and_the_buyer_may_ask_again()
    {
        var s = Shipped();
        var endsAt = s.ProtectionEndsAt;
        s.Order.RequestProtectionExtension(Buyer, 10, null, s.Now).ShouldSucceed();
        s.Order.RequestProtectionExtension(Buyer, 5, null, s.Now).ShouldFailWith("extension_request_pending");
        s.Order.AnswerExtensionRequest(Seller, "er1", accept: false, s.Now).ShouldSucceed();
        s.Order.AnswerExtensionRequest(Seller, "er1", accept: true, s.Now).ShouldFailWith("extension_request_not_pending");
        Assert.Equal(new HistoryEntry(s.Now, "seller:s1", HistoryAction.ExtensionRequestDeclined, "er1: protection +10 days"), s.Order.History[^1]);

        s.Order.RequestProtectionExtension(Buyer, 5, null, s.Now).ShouldSucceed();
        s.AdvanceDays(2.5);
        Assert.Contains(s.Order.History, h => h.Action == HistoryAction.ExtensionRequestReminder && h.Details!.Contains("the seller must answer", StringComparison.Ordinal));
        s.AdvanceDays(1);

        Assert.Equal([ExtensionRequestStatus.Declined, ExtensionRequestStatus.Expired], s.Order.ExtensionRequests.Select(r => r.Status));
        Assert.Equal(endsAt, s.ProtectionEndsAt);
        Assert.Contains(s.Order.History, h => h.Action == HistoryAction.ExtensionRequestExpired && h.Actor == "clock");
    }

    [Fact]
    public void Only_the_other_party_answers_and_a_stranger_finds_nothing()
    {
        var s = Shipped();
        s.Order.RequestProtectionExtension(Buyer, 10, null, s.Now).ShouldSucceed();

        s.Order.AnswerExtensionRequest(Buyer, "er1", accept: true, s.Now).ShouldFailWith("action_not_allowed_for_role");
        s.Order.AnswerExtensionRequest(Mediator, "er1", accept: true, s.Now).ShouldFailWith("action_not_allowed_for_role");
        s.Order.AnswerExtensionRequest(new Actor(Role.Seller, "s2"), "er1", accept: true, s.Now).ShouldFailWith("not_found");
        s.Order.AnswerExtensionRequest(new Actor(Role.Seller, "s2"), "er9", accept: true, s.Now).ShouldFailWith("not_found");
        s.Order.AnswerExtensionRequest(Seller, "er9", accept: true, s.Now).ShouldFailWith("extension_request_not_found");
        s.Order.RequestProtectionExtension(Seller, 10, null, s.Now).ShouldFailWith("action_not_allowed_for_role");
    }

    [Fact]
    public void A_request_stays_within_the_policys_maximum_and_only_while_protection_runs()
    {
        var s = Shipped();

        s.Order.RequestProtectionExtension(Buyer, 0, null, s.Now).ShouldFailWith("invalid_days");
        s.Order.RequestProtectionExtension(Buyer, Policy.Default.MaxProtectionExtensionDays + 1, null, s.Now).ShouldFailWith("extension_exceeds_maximum");
        s.AdvanceDays(61);
        s.Order.RequestProtectionExtension(Buyer, 5, null, s.Now).ShouldFailWith("invalid_state");
    }

    [Fact]
    public void The_seller_needs_the_buyers_yes_for_more_processing_time_and_the_platform_does_not()
    {
        var s = Paid();
        var deadline = s.Order.ProcessingDeadline;

        var request = s.Order.ExtendProcessing(Seller, 3, s.Now).ShouldSucceed();

        Assert.Equal(ExtensionKind.Processing, request!.Kind);
        Assert.Equal(deadline, s.Order.ProcessingDeadline);
        Assert.Contains(OrderAction.AnswerProcessingExtension, s.Order.AllowedActions(Buyer, s.Now));
        s.Order.AnswerExtensionRequest(Buyer, request.Id, accept: true, s.Now).ShouldSucceed();
        Assert.Equal(deadline.AddDays(3), s.Order.ProcessingDeadline);

        Assert.Null(s.Order.ExtendProcessing(Actor.Platform, 2, s.Now).ShouldSucceed());
        Assert.Equal(deadline.AddDays(5), s.Order.ProcessingDeadline);
    }

    [Fact]
    public void A_processing_request_left_unanswered_does_not_save_an_order_that_was_not_shipped_and_lapses_with_it()
    {
        var s = Paid();
        s.AdvanceDays(6);
        s.Order.ExtendProcessing(Seller, 5, s.Now).ShouldSucceed();

        s.AdvanceDays(1.5);

        Assert.Equal(OrderStatus.Closed, s.Order.Status);
        Assert.Equal((ExtensionRequestStatus.Expired, Start.AddDays(7)), (s.Order.ExtensionRequests[0].Status, s.Order.ExtensionRequests[0].AnsweredAt));
        s.Order.AnswerExtensionRequest(Buyer, "er1", accept: true, s.Now).ShouldFailWith("invalid_state");
    }

    [Fact]
    public void Shipping_ends_a_pending_request_for_more_time_to_ship()
    {
        var s = Paid();
        s.Order.ExtendProcessing(Seller, 5, s.Now).ShouldSucceed();

        s.Order.Ship(Seller, "UPS", "1Z", s.Now).ShouldSucceed();

        Assert.Equal(ExtensionRequestStatus.Expired, s.Order.ExtensionRequests[0].Status);
        Assert.DoesNotContain(s.Order.Deadlines(), d => d.Kind is DeadlineKind.ExtensionRequestExpiry or DeadlineKind.ExtensionRequestReminder);
    }

    [Fact]
    public void A_reason_may_take_the_whole_text_limit_and_not_a_character_more()
    {
        var s = Shipped();

        s.Order.RequestProtectionExtension(Buyer, 10, new string('a', Order.MaxTextLength + 1), s.Now).ShouldFailWith("text_too_long");
        Assert.Empty(s.Order.ExtensionRequests);

        var request = s.Order.RequestProtectionExtension(Buyer, 10, new string('a', Order.MaxTextLength), s.Now).ShouldSucceed();
        Assert.Equal(Order.MaxTextLength, request.Reason!.Length);
    }

    [Fact]
    public void A_yes_is_refused_when_the_seller_has_since_used_up_the_protection_the_request_asks_for()
    {
        var s = Shipped();
        s.Order.RequestProtectionExtension(Buyer, 10, null, s.Now).ShouldSucceed();
        s.Order.ExtendProtection(Seller, 55, s.Now).ShouldSucceed();

        s.Order.AnswerExtensionRequest(Seller, "er1", accept: true, s.Now).ShouldFailWith("extension_exceeds_maximum");

        Assert.Equal((55, ExtensionRequestStatus.Pending), (s.Order.ProtectionExtendedDays, s.Order.ExtensionRequests[0].Status));
        s.Order.AnswerExtensionRequest(Seller, "er1", accept: false, s.Now).ShouldSucceed();
        s.Order.RequestProtectionExtension(Buyer, 6, null, s.Now).ShouldFailWith("extension_exceeds_maximum");
        s.Order.RequestProtectionExtension(Buyer, 5, null, s.Now).ShouldSucceed();
    }

    [Fact]
    public void A_yes_is_refused_when_the_platform_has_since_used_up_the_processing_time_the_request_asks_for()
    {
        var s = Paid();
        s.Order.ExtendProcessing(Seller, 5, s.Now).ShouldSucceed();
        s.Order.ExtendProcessing(Actor.Platform, 28, s.Now).ShouldSucceed();

        s.Order.AnswerExtensionRequest(Buyer, "er1", accept: true, s.Now).ShouldFailWith("extension_exceeds_maximum");

        Assert.Equal((28, ExtensionRequestStatus.Pending), (s.Order.ProcessingExtendedDays, s.Order.ExtensionRequests[0].Status));
    }

    [Fact]
    public void Protection_and_processing_time_each_have_their_own_maximum()
    {
        var s = Paid();
        s.Order.ExtendProcessing(Actor.Platform, Policy.Default.MaxProcessingExtensionDays, s.Now).ShouldSucceed();
        s.Order.ExtendProcessing(Seller, 1, s.Now).ShouldFailWith("extension_exceeds_maximum");
        s.Order.Ship(Seller, "UPS", "1Z999", s.Now).ShouldSucceed();

        var request = s.Order.RequestProtectionExtension(Buyer, Policy.Default.MaxProtectionExtensionDays, null, s.Now).ShouldSucceed();
        s.Order.AnswerExtensionRequest(Seller, request.Id, accept: true, s.Now).ShouldSucceed();

        Assert.Equal((30, 60), (s.Order.ProcessingExtendedDays, s.Order.ProtectionExtendedDays));
    }

    [Fact]
    public void The_seller_cannot_ask_again_for_processing_time_while_the_buyer_has_not_answered()
    {
        var s = Paid();
        s.Order.ExtendProcessing(Seller, 3, s.Now).ShouldSucceed();

        s.Order.ExtendProcessing(Seller, 2, s.Now).ShouldFailWith("extension_request_pending");

        Assert.Single(s.Order.ExtensionRequests);
        s.Order.AnswerExtensionRequest(Buyer, "er1", accept: false, s.Now).ShouldSucceed();
        s.Order.ExtendProcessing(Seller, 2, s.Now).ShouldSucceed();
    }

    [Fact]
    public void The_buyer_is_reminded_to_answer_a_request_for_processing_time_and_may_still_answer_it()
    {
        var s = Paid();
        var request = s.Order.ExtendProcessing(Seller, 3, s.Now).ShouldSucceed()!;

        s.AdvanceDays(2.5);

        Assert.Equal(new HistoryEntry(request.ExpiresAt.AddDays(-1), "clock", HistoryAction.ExtensionRequestReminder, $"er1: the buyer must answer by {request.ExpiresAt:O}"), s.Order.History[^1]);
        Assert.Equal(ExtensionRequestStatus.Pending, s.Order.ExtensionRequests[0].Status);
        s.Order.AnswerExtensionRequest(Buyer, "er1", accept: true, s.Now).ShouldSucceed();
        Assert.Equal(Start.Add(Policy.Default.ProcessingTime).AddDays(3), s.Order.ProcessingDeadline);
    }

    [Fact]
    public void No_reminder_comes_when_the_policy_has_none_or_it_would_come_as_the_request_is_made()
    {
        var never = Shipped(policy: Policy.Default with { DeadlineReminder = TimeSpan.Zero });
        var asking = Shipped(policy: Policy.Default with { ExtensionRequestAnswer = TimeSpan.FromDays(1) });

        foreach (var s in new[] { never, asking })
        {
            var request = s.Order.RequestProtectionExtension(Buyer, 10, null, s.Now).ShouldSucceed();

            Assert.Equal([new Deadline(DeadlineKind.ExtensionRequestExpiry, request.ExpiresAt, Ref: "er1")], s.Order.Deadlines().Where(d => d.Ref == "er1"));
            s.AdvanceTo(request.ExpiresAt);
            Assert.DoesNotContain(s.Order.History, h => h.Action == HistoryAction.ExtensionRequestReminder);
        }
    }

    [Fact]
    public void A_request_for_more_protection_lapses_when_protection_ends_even_while_a_dispute_keeps_the_order_open()
    {
        var s = Shipped();
        s.AdvanceDays(58);
        s.Open();
        s.AdvanceDays(1);
        s.Order.RequestProtectionExtension(Buyer, 10, null, s.Now).ShouldSucceed();

        s.AdvanceTo(s.ProtectionEndsAt);

        Assert.Equal(OrderStatus.AwaitingConfirmation, s.Order.Status);
        Assert.Equal((ExtensionRequestStatus.Expired, s.ProtectionEndsAt), (s.Order.ExtensionRequests[0].Status, s.Order.ExtensionRequests[0].AnsweredAt));
        Assert.DoesNotContain(s.Order.Deadlines(), d => d.Ref == "er1");
    }

    [Fact]
    public void A_request_lapses_with_the_time_it_would_extend_and_the_history_says_which()
    {
        var paid = Paid();
        paid.Order.ExtendProcessing(Seller, 5, paid.Now).ShouldSucceed();
        paid.AdvanceDays(1);
        paid.Order.Ship(Seller, "UPS", "1Z", paid.Now).ShouldSucceed();

        var shipped = Shipped();
        shipped.AdvanceDays(59);
        shipped.Order.RequestProtectionExtension(Buyer, 10, null, shipped.Now).ShouldSucceed();
        shipped.AdvanceDays(1);

        Assert.Contains(new HistoryEntry(Start.AddDays(1), "clock", HistoryAction.ExtensionRequestExpired, "er1: lapsed, the processing time it would extend has ended"), paid.Order.History);
        Assert.Contains(new HistoryEntry(shipped.ProtectionEndsAt, "clock", HistoryAction.ExtensionRequestExpired, "er1: lapsed, the protection it would extend has ended"), shipped.Order.History);
        Assert.Equal(ExtensionRequestStatus.Expired, shipped.Order.ExtensionRequests[0].Status);
    }
}
