using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

/// <summary>A seller's promise is part of the dispute: accepting it gives nothing up, and a broken one costs the buyer nothing.</summary>
public class PromiseTests
{
    private static readonly ClaimRequest NotReceived = Claim(received: false, reason: "not_received_in_transit", description: "Nothing came.");

    /// <summary>The buyer accepted to wait <paramref name="days"/> days for a parcel that has not come.</summary>
    private static (Scenario Scenario, Dispute Dispute) Waiting(int days = 10, double openedOnDay = 20)
    {
        var s = Shipped();
        s.AdvanceDays(openedOnDay);
        var dispute = s.Open(claim: NotReceived);
        var offer = dispute.MakeOffer(Seller, OfferType.WaitForDelivery, null, "It is on the way, wait please.", s.Now, days).ShouldSucceed();
        dispute.AcceptOffer(Buyer, offer.Id, confirmed: false, s.Now).ShouldSucceed();
        return (s, dispute);
    }

    /// <summary>The buyer accepted a replacement for a damaged lamp.</summary>
    private static (Scenario Scenario, Dispute Dispute) AwaitingReplacement()
    {
        var s = Shipped();
        s.AdvanceDays(10);
        var dispute = s.Open(claim: Claim(reason: "damaged", description: "The shade is cracked."));
        var offer = dispute.MakeOffer(Seller, OfferType.Replacement, null, "I will send a new one.", s.Now).ShouldSucceed();
        dispute.AcceptOffer(Buyer, offer.Id, confirmed: false, s.Now).ShouldSucceed();
        return (s, dispute);
    }

    private static (Scenario Scenario, Dispute Dispute) ReplacementShipped()
    {
        var (s, dispute) = AwaitingReplacement();
        s.AdvanceDays(2);
        dispute.ShipReplacement(Seller, "DHL", "JD0002", s.Now).ShouldSucceed();
        return (s, dispute);
    }

    [Fact]
    public void Accepting_a_wait_keeps_the_dispute_open_and_the_money_held_until_the_wait_ends()
    {
        var (s, dispute) = Waiting(days: 10);

        Assert.Equal(DisputeStatus.WaitingForDelivery, dispute.Status);
        Assert.Equal(new Promise("of1", OfferType.WaitForDelivery, s.Now, s.Now.AddDays(10)), dispute.Promise);
        Assert.Equal(new Deadline(DeadlineKind.WaitEnds, s.Now.AddDays(10), dispute.Id), dispute.CurrentDeadline);
        Assert.True(dispute.AwaitsPromise);
        Assert.Equal(new HistoryEntry(s.Now, "buyer:b1", HistoryAction.OfferAccepted, $"of1: wait for delivery until {s.Now.AddDays(10):O}; the dispute stays open"), dispute.History[^1]);
        Assert.False(dispute.IsFinished);
        Assert.Null(dispute.Outcome);
        Assert.Equal(Usd(3500), s.Ledger.Held());
        Assert.Equal([DisputeAction.Cancel, DisputeAction.SendMessage, DisputeAction.AddEvidence, DisputeAction.Resume], dispute.AllowedActions(Buyer, s.Now));
        Assert.Contains(OrderAction.ConfirmReceipt, s.Order.AllowedActions(Buyer, s.Now));
    }

    [Fact]
    public void A_wait_that_ends_without_word_from_the_buyer_resumes_the_dispute_with_a_fresh_negotiation_window()
    {
        var (s, dispute) = Waiting(days: 10);
        var endsAt = dispute.Promise!.DueAt;

        s.AdvanceDays(9.9);
        Assert.Equal(DisputeStatus.WaitingForDelivery, dispute.Status);

        s.AdvanceDays(0.2);
        Assert.Equal(DisputeStatus.Negotiating, dispute.Status);
        Assert.Equal(endsAt + Policy.Default.Negotiation, dispute.NegotiationEndsAt);
        Assert.Contains(dispute.History, h => h.Action == HistoryAction.WaitEnded && h.At == endsAt && h.Actor == "clock");
        Assert.Equal(Usd(3500), s.Ledger.Held());
    }

    [Fact]
    public void The_buyer_may_stop_waiting_at_any_time()
    {
        var (s, dispute) = Waiting(days: 10);
        s.AdvanceDays(3);

        dispute.Resume(Buyer, s.Now).ShouldSucceed();

        Assert.Equal(DisputeStatus.Negotiating, dispute.Status);
        Assert.Equal(s.Now + Policy.Default.Negotiation, dispute.NegotiationEndsAt);
        Assert.False(dispute.AwaitsPromise);
        Assert.Equal(new HistoryEntry(s.Now, "buyer:b1", HistoryAction.Resumed, "the buyer stopped waiting"), dispute.History[^1]);
        dispute.Resume(Buyer, s.Now).ShouldFailWith("invalid_state");
        Assert.Equal("action_not_allowed_for_role", Common.Words.Of(dispute.Resume(Seller, s.Now).Error!.Code));
    }

    [Fact]
    public void The_parcel_arriving_ends_the_wait_the_buyer_confirms_receipt_and_the_seller_is_paid()
    {
        var (s, dispute) = Waiting();
        s.AdvanceDays(4);

        s.Order.ConfirmReceipt(Buyer, s.Now).ShouldSucceed();

        Assert.Equal(DisputeStatus.Cancelled, dispute.Status);
        Assert.Equal(new Outcome(Usd(0), false, DecidedBy.BuyerCancelled, s.Now), dispute.Outcome);
        Assert.Equal(OrderStatus.Completed, s.Order.Status);
        Assert.Equal(Usd(3500), s.Ledger.Released());
        Assert.Contains(dispute.History, h => h.Action == HistoryAction.Cancelled && h.Details == "the buyer confirmed receipt: the parcel arrived");
    }

    [Fact]
    public void A_wait_accepted_near_the_end_of_protection_moves_protection_past_it_and_the_history_says_so()
    {
        var s = Shipped();
        s.AdvanceDays(58);
        var dispute = s.Open(claim: NotReceived);
        var offer = dispute.MakeOffer(Seller, OfferType.WaitForDelivery, null, null, s.Now, 20).ShouldSucceed();

        dispute.AcceptOffer(Buyer, offer.Id, confirmed: false, s.Now).ShouldSucceed();

        var protectedUntil = s.Now.AddDays(20) + Policy.Default.ProtectionReminder;
        Assert.Equal(protectedUntil, s.ProtectionEndsAt);
        Assert.Contains(s.Order.History, h => h.Action == HistoryAction.ProtectionMoved && h.Actor == "clock");
        s.AdvanceDays(19);
        Assert.False(s.Order.ProtectionExpired);
        Assert.Equal(DisputeStatus.WaitingForDelivery, dispute.Status);
    }

    [Fact]
    public void A_wait_accepted_after_protection_ran_out_leaves_it_ended_and_the_dispute_still_holds_the_money()
    {
        var s = Shipped();
        s.AdvanceDays(59);
        var dispute = s.Negotiating(claim: NotReceived);
        s.AdvanceDays(2);
        Assert.True(s.Order.ProtectionExpired);
        var endedAt = s.ProtectionEndsAt;
        var offer = dispute.MakeOffer(Seller, OfferType.WaitForDelivery, null, null, s.Now, 7).ShouldSucceed();

        dispute.AcceptOffer(Buyer, offer.Id, confirmed: false, s.Now).ShouldSucceed();
        s.AdvanceDays(8);

        Assert.Equal(endedAt, s.ProtectionEndsAt);
        Assert.DoesNotContain(s.Order.History, h => h.Action == HistoryAction.ProtectionMoved);
        Assert.Equal(DisputeStatus.Negotiating, dispute.Status);
        Assert.Equal(Usd(3500), s.Ledger.Held());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(null)]
    public void A_wait_is_one_to_thirty_days(int? days)
    {
        var s = Shipped();
        var dispute = s.Open(claim: NotReceived);

        dispute.MakeOffer(Seller, OfferType.WaitForDelivery, null, null, s.Now, days).ShouldFailWith("invalid_days");
        Assert.Empty(dispute.Offers);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(Dispute.MaxWaitDays)]
    public void A_wait_of_one_day_or_of_thirty_may_be_offered(int days)
    {
        var s = Shipped();
        var dispute = s.Open(claim: NotReceived);

        var offer = dispute.MakeOffer(Seller, OfferType.WaitForDelivery, null, null, s.Now, days).ShouldSucceed();

        Assert.Equal(days, offer.Days);
    }

    [Fact]
    public void Waiting_is_for_a_parcel_that_has_not_come_and_a_promise_refunds_nothing()
    {
        var s = Shipped();
        var received = s.Open(claim: Claim(reason: "damaged"));

        received.MakeOffer(Seller, OfferType.WaitForDelivery, null, null, s.Now, 5).ShouldFailWith("invalid_offer_type");
        Assert.Equal("A promise refunds nothing: it has no amount.", received.MakeOffer(Seller, OfferType.Replacement, 500, null, s.Now).ShouldFailWith("invalid_amount").Message);
    }

    [Fact]
    public void In_mediation_the_mediator_decides_and_the_seller_cannot_promise()
    {
        var s = Shipped();
        var dispute = s.Escalated(claim: NotReceived);

        dispute.MakeOffer(Seller, OfferType.WaitForDelivery, null, null, s.Now, 5).ShouldFailWith("invalid_state");
        dispute.MakeOffer(Seller, OfferType.Replacement, null, null, s.Now).ShouldFailWith("invalid_state");
    }

    [Fact]
    public void A_promise_still_pending_when_the_dispute_goes_to_a_mediator_lapses_with_it()
    {
        var s = Shipped();
        var dispute = s.Open(claim: NotReceived);
        var offer = dispute.MakeOffer(Seller, OfferType.WaitForDelivery, null, null, s.Now, 5).ShouldSucceed();

        dispute.Escalate(Buyer, "I do not want to wait.", s.Now).ShouldSucceed();

        Assert.Equal(OfferStatus.Superseded, dispute.Offers.Single(o => o.Id == offer.Id).Status);
        dispute.AcceptOffer(Buyer, offer.Id, confirmed: false, s.Now).ShouldFailWith("no_pending_offer");
    }

    [Fact]
    public void A_replacement_not_shipped_in_five_days_breaks_the_promise_and_the_claim_is_granted()
    {
        var (s, dispute) = AwaitingReplacement();
        var shipBy = dispute.Promise!.DueAt;
        Assert.Equal(s.Now + Policy.Default.ReplacementShipment, shipBy);
        Assert.True(dispute.AwaitsPromise);
        Assert.Equal(new HistoryEntry(s.Now, "buyer:b1", HistoryAction.OfferAccepted, $"of1: replacement, to ship by {shipBy:O}; the dispute stays open"), dispute.History[^1]);
        Assert.Equal([DisputeAction.SendMessage, DisputeAction.AddEvidence, DisputeAction.ShipReplacement], dispute.AllowedActions(Seller, s.Now));

        s.AdvanceDays(5.1);

        Assert.Equal(new Outcome(Usd(3500), false, DecidedBy.ReplacementNotShipped, shipBy), dispute.Outcome);
        Assert.Contains(new HistoryEntry(shipBy, "clock", HistoryAction.ReplacementNotShipped, "the promise is broken: resolved as claimed"), dispute.History);
        Assert.Equal(DisputeStatus.Resolved, dispute.Status);
        Assert.Equal(Usd(3500), s.Ledger.Refunded());
    }

    [Fact]
    public void A_shipped_replacement_gives_the_buyer_thirty_days_to_answer_and_protection_lasts_past_them()
    {
        var (s, dispute) = ReplacementShipped();

        Assert.Equal(DisputeStatus.AwaitingReplacementReceipt, dispute.Status);
        Assert.Equal(s.Now + Policy.Default.ReplacementReceipt, dispute.Promise!.DueAt);
        Assert.Equal(("DHL", "JD0002", s.Now), (dispute.Promise.Carrier, dispute.Promise.TrackingNumber, dispute.Promise.ShippedAt));
        Assert.True(dispute.AwaitsPromise);
        Assert.Equal(new HistoryEntry(s.Now, "seller:s1", HistoryAction.ReplacementShipped, $"DHL JD0002; the buyer answers by {dispute.Promise.DueAt:O}"), dispute.History[^1]);
        Assert.True(s.ProtectionEndsAt >= dispute.Promise.DueAt + Policy.Default.ProtectionReminder);
        dispute.ShipReplacement(Seller, "DHL", "JD0003", s.Now).ShouldFailWith("invalid_state");
    }

    [Fact]
    public void A_replacement_shipped_near_the_end_of_protection_moves_protection_past_the_buyers_time_to_answer()
    {
        var s = Shipped();
        s.AdvanceDays(50);
        var dispute = s.Open(claim: Claim(reason: "damaged", description: "The shade is cracked."));
        var offer = dispute.MakeOffer(Seller, OfferType.Replacement, null, null, s.Now).ShouldSucceed();
        dispute.AcceptOffer(Buyer, offer.Id, confirmed: false, s.Now).ShouldSucceed();
        s.AdvanceDays(1);

        dispute.ShipReplacement(Seller, "DHL", "JD0005", s.Now).ShouldSucceed();

        var protectedUntil = dispute.Promise!.DueAt + Policy.Default.ProtectionReminder;
        Assert.Equal(protectedUntil, s.ProtectionEndsAt);
        Assert.Equal(new HistoryEntry(s.Now, "clock", HistoryAction.ProtectionMoved, $"until {protectedUntil:O}: the replacement for {dispute.Id} is on its way"), s.Order.History[^1]);
    }

    [Fact]
    public void A_replacement_needs_its_tracking()
    {
        var (s, dispute) = AwaitingReplacement();

        dispute.ShipReplacement(Seller, " ", "JD0002", s.Now).ShouldFailWith("tracking_required");
        Assert.Equal(DisputeStatus.AwaitingReplacement, dispute.Status);
    }

    [Fact]
    public void A_replacement_that_came_keeps_the_promise_and_pays_the_seller()
    {
        var (s, dispute) = ReplacementShipped();
        s.AdvanceDays(6);

        dispute.ConfirmReplacement(Buyer, s.Now).ShouldSucceed();

        Assert.Equal(new Outcome(Usd(0), false, DecidedBy.ReplacementReceived, s.Now), dispute.Outcome);
        Assert.Contains(new HistoryEntry(s.Now, "buyer:b1", HistoryAction.ReplacementReceived, "the promise is kept"), dispute.History);
        Assert.False(dispute.AwaitsPromise);
        Assert.True(dispute.IsFinished);
        Assert.Equal(Usd(3500), s.Ledger.Released());
        Assert.Equal(Usd(0), s.Ledger.Refunded());
    }

    [Fact]
    public void A_replacement_with_a_problem_goes_to_a_mediator_with_the_buyers_words()
    {
        var (s, dispute) = ReplacementShipped();

        dispute.ReportReplacementProblem(Buyer, "  ", s.Now).ShouldFailWith("text_required");
        dispute.ReportReplacementProblem(Buyer, "This one is cracked too.", s.Now).ShouldSucceed();

        Assert.Equal(DisputeStatus.Escalated, dispute.Status);
        Assert.Equal("This one is cracked too.", dispute.Escalation!.Note);
        Assert.Contains(new HistoryEntry(s.Now, "buyer:b1", HistoryAction.ReplacementProblem, "This one is cracked too."), dispute.History);
        Assert.Equal(Usd(3500), s.Ledger.Held());
    }

    [Fact]
    public void No_word_on_a_replacement_for_thirty_days_pays_the_seller()
    {
        var (s, dispute) = ReplacementShipped();
        var answerBy = dispute.Promise!.DueAt;

        s.AdvanceTo(answerBy.AddMinutes(1));

        Assert.Equal(new Outcome(Usd(0), false, DecidedBy.ReplacementNotDisputed, answerBy), dispute.Outcome);
        Assert.Contains(new HistoryEntry(answerBy, "clock", HistoryAction.ReplacementNotDisputed, "no word from the buyer on the replacement: the seller is paid"), dispute.History);
        Assert.Equal(Usd(3500), s.Ledger.Released());
        Assert.False(s.Order.ProtectionExpired && dispute.Status != DisputeStatus.Resolved);
    }

    [Fact]
    public void Each_promise_step_reminds_the_party_who_must_act_a_day_before()
    {
        var (s, waiting) = Waiting(days: 10);
        s.AdvanceDays(9.5);
        Assert.Contains(waiting.History, h => h.Action == HistoryAction.WaitEndsReminder);

        var (r, replacement) = AwaitingReplacement();
        r.AdvanceDays(4.5);
        Assert.Contains(replacement.History, h => h.Action == HistoryAction.ReplacementShipmentReminder);
        replacement.ShipReplacement(Seller, "DHL", "JD0004", r.Now).ShouldSucceed();
        r.AdvanceDays(29.5);
        Assert.Contains(replacement.History, h => h.Action == HistoryAction.ReplacementReceiptReminder);
    }

    [Fact]
    public void The_seeds_wait_for_the_parcel_ends_with_the_buyer_refunded_when_the_parcel_never_comes()
    {
        // The seller asks the buyer to wait; in the seeds the buyer cancels and protection runs out.
        var s = Shipped();
        s.AdvanceDays(50);
        var dispute = s.Open(claim: NotReceived);
        var wait = dispute.MakeOffer(Seller, OfferType.WaitForDelivery, null, "Wait 15 more days, it is coming.", s.Now, 15).ShouldSucceed();
        dispute.AcceptOffer(Buyer, wait.Id, confirmed: false, s.Now).ShouldSucceed();

        s.AdvanceDays(16);
        Assert.Equal(DisputeStatus.Negotiating, dispute.Status);
        Assert.False(s.Order.ProtectionExpired);
        s.AdvanceDays(8);
        Assert.Equal(DisputeStatus.Escalated, dispute.Status);
        dispute.Decide(Mediator, MediatorOutcome.FullRefund, null, null, "The parcel never came.", s.Now).ShouldSucceed();
        s.AdvanceDays(8);

        Assert.Equal(Usd(3500), s.Ledger.Refunded());
        Assert.Equal(Usd(0), s.Ledger.Released());
    }

    [Fact]
    public void The_seeds_replacement_for_damaged_goods_ends_with_the_buyer_refunded_when_it_never_ships()
    {
        // The seller promises a replacement; in the seeds the buyer closes the dispute and nothing comes.
        var (s, dispute) = AwaitingReplacement();

        s.AdvanceDays(6);

        Assert.Equal(DecidedBy.ReplacementNotShipped, dispute.Outcome!.DecidedBy);
        Assert.Equal(Usd(3500), s.Ledger.Refunded());
        Assert.Equal(Usd(0), s.Ledger.Released());
    }
}
