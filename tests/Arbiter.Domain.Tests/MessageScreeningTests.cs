using Arbiter.Domain.Disputes;
using Arbiter.Domain.Tests.Support;

namespace Arbiter.Domain.Tests;

public class MessageScreeningTests
{
    [Theory]
    [InlineData("Please cancel the dispute and I will send a new one.", MessageScreening.CancelDispute)]
    [InlineData("Close your claim today, friend.", MessageScreening.CancelDispute)]
    [InlineData("I can refund you via PayPal.", MessageScreening.OutsidePayment)]
    [InlineData("Let's settle this outside the platform.", MessageScreening.OutsidePayment)]
    [InlineData("I will send the money directly to you.", MessageScreening.OutsidePayment)]
    [InlineData("Please confirm receipt now so I get paid.", MessageScreening.EarlyConfirmation)]
    [InlineData("Leave a 5 star review and I give a discount.", MessageScreening.ReviewTrade)]
    [InlineData("Positive feedback please!", MessageScreening.ReviewTrade)]
    public void Messages_asking_for_what_the_guides_warn_about_are_flagged(string text, string warning)
    {
        Assert.Contains(warning, MessageScreening.Screen(text));
    }

    [Theory]
    [InlineData("Sorry for the trouble, can you send a photo of the damage?")]
    [InlineData("The parcel left our warehouse on Monday.")]
    public void Ordinary_messages_carry_no_warning(string text)
    {
        Assert.Empty(MessageScreening.Screen(text));
    }

    [Fact]
    public void A_message_asking_several_things_gets_every_warning_in_a_fixed_order()
    {
        var warnings = MessageScreening.Screen("Withdraw the dispute, confirm receipt, and I will pay you on WhatsApp. Good review = bonus.");

        Assert.Equal(
            [MessageScreening.CancelDispute, MessageScreening.OutsidePayment, MessageScreening.EarlyConfirmation, MessageScreening.ReviewTrade],
            warnings);
    }

    [Fact]
    public void The_sellers_messages_in_a_dispute_carry_warnings_for_the_buyer_and_history_notes_them()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();

        var message = dispute.SendMessage(Scenario.Seller, "Cancel the dispute and I refund you by bank transfer.", s.Now).ShouldSucceed();

        Assert.Equal([MessageScreening.CancelDispute, MessageScreening.OutsidePayment], message.Warnings);
        Assert.Equal("seller:s1", message.Author);
        Assert.Contains(dispute.History, h => h.Action == "message_sent" && h.Details!.Contains("warnings", StringComparison.Ordinal));
    }

    [Fact]
    public void The_buyers_own_messages_are_not_flagged()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();

        var message = dispute.SendMessage(Scenario.Buyer, "Should I cancel the dispute?", s.Now).ShouldSucceed();

        Assert.Empty(message.Warnings);
    }

    [Fact]
    public void A_mediator_joins_the_conversation_only_once_escalated()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();

        dispute.SendMessage(Scenario.Mediator, "Hello.", s.Now).ShouldFailWith("invalid_state");
        dispute.SendMessage(Scenario.Seller, "", s.Now).ShouldFailWith("text_required");
        dispute.SendMessage(Scenario.Seller, new string('a', 4001), s.Now).ShouldFailWith("text_too_long");
        dispute.Escalate(Scenario.Seller, null, s.Now).ShouldSucceed();
        dispute.SendMessage(Scenario.Mediator, "Hello, I am looking into this.", s.Now).ShouldSucceed();
    }
}
