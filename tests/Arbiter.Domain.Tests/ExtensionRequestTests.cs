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
}
