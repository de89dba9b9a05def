using System.Text.Json;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using static Arbiter.Domain.Tests.Support.RandomStory;

namespace Arbiter.Domain.Tests;

/// <summary>Erasing a party's words: only once the order is finished, and never a change to its money, state, timers or the shape of its history.</summary>
public class ErasureTests
{
    [FsCheck.Xunit.Property(MaxTest = 300, EndSize = 200)]
    public Property Erasing_after_any_story_refuses_while_open_and_changes_nothing_but_words() => Prop.ForAll(Runs, Check);

    [Fact]
    public void The_random_stories_finish_orders_often_enough_to_erase()
    {
        // A fixed seed: this checks the generator's reach, not luck. Most stories end with a refund the
        // platform has not reported paid, which keeps the order open; enough finish to erase.
        var finished = Runs.Generator.Sample(200, new Rnd(2026, 1203), 1000).Count(run =>
        {
            var s = run.StartShipped ? Scenario.Shipped(lines: 2) : Scenario.Paid(lines: 2);
            foreach (var step in run.Steps)
            {
                Apply(s, step);
            }

            s.AdvanceDays(120);
            return s.Order.FinishedAt <= s.Now && s.Order.Disputes.Count > 0;
        });

        Assert.True(finished >= 15, $"only {finished} of 200 stories finished an order with a dispute");
    }

    [Fact]
    public void A_completed_order_finishes_when_its_window_to_dispute_closes()
    {
        var s = Scenario.Shipped();
        s.Open();
        Assert.Null(s.Order.FinishedAt);

        var other = Scenario.Shipped();
        Assert.True(other.Order.ConfirmReceipt(Scenario.Buyer, other.Now).IsSuccess);
        Assert.Equal(other.Now + other.Order.Policy.PostCompletionDisputeWindow, other.Order.FinishedAt);
        Assert.Equal(ErrorCode.OrderNotFinished, other.Order.EraseWordsOf(Party.Buyer, other.Now).Error?.Code);

        other.AdvanceDays(15);
        Assert.True(other.Order.EraseWordsOf(Party.Buyer, other.Now).IsSuccess);
    }

    [Fact]
    public void A_refund_keeps_the_order_open_until_the_platform_reports_it_paid_and_the_order_finishes_then()
    {
        var s = Scenario.Shipped();
        s.Open().AcceptClaim(Scenario.Seller, s.Now).ShouldSucceed();
        var refund = s.Order.Refunds.Single();
        s.AdvanceDays(61);
        Assert.Equal(OrderStatus.Closed, s.Order.Status);
        Assert.Null(s.Order.FinishedAt);

        s.Order.ReportRefundSent(refund.Id, "re_1", Actor.Platform, s.Now).ShouldSucceed();
        Assert.Null(s.Order.FinishedAt);
        Assert.Equal(ErrorCode.OrderNotFinished, s.Order.EraseWordsOf(Party.Buyer, s.Now).Error?.Code);

        s.AdvanceDays(2);
        s.Order.ReportRefundCompleted(refund.Id, null, Actor.Platform, s.Now).ShouldSucceed();
        Assert.Equal(s.Now, s.Order.FinishedAt);
    }

    [Fact]
    public void Erasing_the_sellers_words_clears_the_return_address_their_files_notes_and_messages_and_keeps_the_buyers()
    {
        var (s, dispute) = SettledByOffer();

        var files = s.Order.EraseWordsOf(Party.Seller, s.Now).ShouldSucceed();

        Assert.Equal(["o1-e1", "o1-e3"], files);
        Assert.Equal([("", s.Now), ("dark-lamp.jpg", null), ("", s.Now), ("receipt.pdf", null)], s.Order.Evidence.Select(f => (f.FileName, f.ErasedAt)));
        Assert.Null(s.Order.ReturnAddress);
        Assert.Equal("The post is slow here.", s.Order.ExtensionRequests.Single().Reason);
        Assert.Equal("The lamp does not light up.", dispute.Claim.Description);
        Assert.Null(dispute.Offers.Single().Note);
        Assert.Null(dispute.Outcome!.Note);
        Assert.Equal(["Still dark with a new bulb.", ""], dispute.Messages.Select(m => m.Text));
        Assert.Equal((true, false), (s.Order.IsErased(Party.Seller), s.Order.IsErased(Party.Buyer)));
    }

    [Fact]
    public void Erasing_the_buyers_words_clears_their_claim_their_reason_for_more_protection_their_files_and_messages_and_keeps_the_sellers()
    {
        var (s, dispute) = SettledByOffer();

        var files = s.Order.EraseWordsOf(Party.Buyer, s.Now).ShouldSucceed();

        Assert.Equal(["o1-e2", "o1-e4"], files);
        Assert.Equal([("packing.jpg", null), ("", s.Now), ("lamp-test.mp4", null), ("", s.Now)], s.Order.Evidence.Select(f => (f.FileName, f.ErasedAt)));
        Assert.Equal("12 Harbour Road, Leith", s.Order.ReturnAddress);
        Assert.Null(s.Order.ExtensionRequests.Single().Reason);
        Assert.Equal("", dispute.Claim.Description);
        Assert.Equal("Half back, sorry.", dispute.Offers.Single().Note);
        Assert.Equal("Half back, sorry.", dispute.Outcome!.Note);
        Assert.Equal(["", "Try the other socket."], dispute.Messages.Select(m => m.Text));
        Assert.Equal((true, false), (s.Order.IsErased(Party.Buyer), s.Order.IsErased(Party.Seller)));
    }

    [Fact]
    public void The_history_loses_only_the_erased_partys_own_words_and_keeps_what_happened()
    {
        var (s, dispute) = SettledByOffer();

        s.Order.EraseWordsOf(Party.Seller, s.Now).ShouldSucceed();

        string? Details(Actor actor, HistoryAction action) => dispute.History.Single(h => h.Actor == actor.ToString() && h.Action == action).Details;
        Assert.Null(Details(Scenario.Seller, HistoryAction.Rejected));
        Assert.Null(Details(Scenario.Seller, HistoryAction.EvidenceAdded));
        Assert.StartsWith("o1-e4 receipt.pdf", Details(Scenario.Buyer, HistoryAction.EvidenceAdded), StringComparison.Ordinal);
        Assert.Equal("m2", Details(Scenario.Seller, HistoryAction.MessageSent));
        Assert.StartsWith("of1: ", Details(Scenario.Seller, HistoryAction.OfferMade), StringComparison.Ordinal);

        s.Order.EraseWordsOf(Party.Buyer, s.Now).ShouldSucceed();

        Assert.Null(Details(Scenario.Buyer, HistoryAction.EvidenceAdded));
        Assert.Equal("m1", Details(Scenario.Buyer, HistoryAction.MessageSent));
    }

    [Fact]
    public void Erasing_the_sellers_words_clears_their_escalation_note_and_answers_but_not_the_buyers_appeal_nor_the_mediators_decision()
    {
        var (s, questioned, appealed) = Mediated();

        s.Order.EraseWordsOf(Party.Seller, s.Now).ShouldSucceed();

        Assert.Null(questioned.Escalation!.Note);
        Assert.Null(questioned.History.Single(h => h.Action == HistoryAction.Escalated).Details);
        Assert.Equal(["No, it stays dark.", ""], questioned.Escalation.InfoRequests.Single().Answers.Select(a => a.Text));
        Assert.Equal("The photos show it lit.", questioned.Outcome!.Note);
        Assert.Equal("The mediator missed my photos.", appealed.Appeal!.Reason);
        Assert.Equal("The mediator missed my photos.", appealed.Escalation!.Note);
    }

    [Fact]
    public void Erasing_the_buyers_words_clears_their_appeal_and_answers_but_not_the_sellers_escalation_note()
    {
        var (s, questioned, appealed) = Mediated();

        s.Order.EraseWordsOf(Party.Buyer, s.Now).ShouldSucceed();

        Assert.Equal("We cannot agree.", questioned.Escalation!.Note);
        Assert.Equal(["", "It lit when we packed it."], questioned.Escalation.InfoRequests.Single().Answers.Select(a => a.Text));
        Assert.Equal("", appealed.Appeal!.Reason);
        Assert.Null(appealed.Escalation!.Note);
        Assert.Null(appealed.History.Single(h => h.Action == HistoryAction.Appealed).Details);
        Assert.Equal("We cannot agree.", appealed.History.Single(h => h.Action == HistoryAction.Escalated).Details);
    }

    [Fact]
    public void Erasing_the_buyers_words_clears_what_they_said_about_a_bad_replacement()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open(claim: Scenario.Claim(reason: "damaged", description: "The shade is cracked."));
        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.Replacement, null, null, s.Now).ShouldSucceed();
        dispute.AcceptOffer(Scenario.Buyer, offer.Id, confirmed: false, s.Now).ShouldSucceed();
        dispute.ShipReplacement(Scenario.Seller, "DHL", "JD0002", s.Now).ShouldSucceed();
        dispute.ReportReplacementProblem(Scenario.Buyer, "This one is cracked too.", s.Now).ShouldSucceed();
        dispute.Decide(Scenario.Mediator, MediatorOutcome.FullRefund, null, null, "Two cracked shades.", s.Now).ShouldSucceed();
        s.AdvanceDays(8);
        s.Order.ReportRefundCompleted(s.Order.Refunds.Single().Id, "re_1", Actor.Platform, s.Now).ShouldSucceed();
        s.AdvanceDays(120);

        s.Order.EraseWordsOf(Party.Buyer, s.Now).ShouldSucceed();

        Assert.Null(dispute.History.Single(h => h.Action == HistoryAction.ReplacementProblem).Details);
        Assert.Null(dispute.Escalation!.Note);
        Assert.Equal("Two cracked shades.", dispute.Outcome!.Note);
    }

    private static EvidenceFile File(string id, string name) => new(id, null, "", name, "application/octet-stream", 10, Scenario.Start);

    /// <summary>
    /// A finished order both parties wrote into: the seller's return address and a file before any dispute,
    /// the buyer's request for more protection with its reason, then a dispute with the seller's rejection,
    /// files and messages from both, and the seller's offer with a note, accepted and refunded.
    /// </summary>
    private static (Scenario Scenario, Dispute Dispute) SettledByOffer()
    {
        var s = Scenario.Shipped(returnAddress: "12 Harbour Road, Leith");
        s.Order.AddEvidence(Scenario.Seller, null, File("o1-e1", "packing.jpg"), s.Now).ShouldSucceed();
        s.Order.RequestProtectionExtension(Scenario.Buyer, 10, "The post is slow here.", s.Now).ShouldSucceed();
        s.Order.AnswerExtensionRequest(Scenario.Seller, "er1", accept: false, s.Now).ShouldSucceed();
        s.Order.AddEvidence(Scenario.Buyer, null, File("o1-e2", "dark-lamp.jpg"), s.Now).ShouldSucceed();
        var dispute = s.Negotiating(claim: Scenario.Claim() with { EvidenceIds = ["o1-e2"] });
        s.Order.AddEvidence(Scenario.Seller, dispute.Id, File("o1-e3", "lamp-test.mp4"), s.Now).ShouldSucceed();
        s.Order.AddEvidence(Scenario.Buyer, dispute.Id, File("o1-e4", "receipt.pdf"), s.Now).ShouldSucceed();
        dispute.SendMessage(Scenario.Buyer, "Still dark with a new bulb.", s.Now).ShouldSucceed();
        dispute.SendMessage(Scenario.Seller, "Try the other socket.", s.Now).ShouldSucceed();
        var offer = dispute.MakeOffer(Scenario.Seller, OfferType.RefundOnly, 1500, "Half back, sorry.", s.Now).ShouldSucceed();
        dispute.AcceptOffer(Scenario.Buyer, offer.Id, confirmed: false, s.Now).ShouldSucceed();
        s.Order.ReportRefundCompleted(s.Order.Refunds.Single().Id, "re_1", Actor.Platform, s.Now).ShouldSucceed();
        s.AdvanceDays(120);
        Assert.True(s.Order.FinishedAt <= s.Now);
        return (s, dispute);
    }

    /// <summary>
    /// A finished order with two mediated disputes the seller escalated: one where both parties answered
    /// the mediator's question, one the buyer appealed before the final decision.
    /// </summary>
    private static (Scenario Scenario, Dispute Questioned, Dispute Appealed) Mediated()
    {
        var s = Scenario.Shipped(lines: 2);
        var questioned = s.Escalated("l1");
        var appealed = s.Escalated("l2");
        var question = questioned.RequestInfo(Scenario.Mediator, [Party.Buyer, Party.Seller], "Does it light with another bulb?", null, s.Now).ShouldSucceed();
        questioned.AnswerInfoRequest(Scenario.Buyer, question.Id, "No, it stays dark.", null, s.Now).ShouldSucceed();
        questioned.AnswerInfoRequest(Scenario.Seller, question.Id, "It lit when we packed it.", null, s.Now).ShouldSucceed();
        questioned.Decide(Scenario.Mediator, MediatorOutcome.NoRefund, null, null, "The photos show it lit.", s.Now).ShouldSucceed();
        appealed.Decide(Scenario.Mediator, MediatorOutcome.NoRefund, null, null, "No fault shown.", s.Now).ShouldSucceed();
        appealed.AppealDecision(Scenario.Buyer, "The mediator missed my photos.", s.Now).ShouldSucceed();
        appealed.Decide(Scenario.Mediator, MediatorOutcome.NoRefund, null, null, "Still no fault shown.", s.Now).ShouldSucceed();
        s.AdvanceDays(120);
        Assert.True(s.Order.FinishedAt <= s.Now);
        return (s, questioned, appealed);
    }

    private static bool Check(Run run)
    {
        var s = run.StartShipped ? Scenario.Shipped(lines: 2) : Scenario.Paid(lines: 2);
        foreach (var step in run.Steps)
        {
            Apply(s, step);
        }

        // As the story ends, and once the clock has run out every timer it left.
        Verify(s);
        s.AdvanceDays(120);
        Verify(s);
        return true;
    }

    private static void Verify(Scenario s)
    {
        var order = s.Order;
        var finished = order.FinishedAt is { } at && at <= s.Now;
        if (order.FinishedAt is not null)
        {
            Assert.Empty(order.Deadlines());
        }

        var before = Shape(order, s.Now);
        var buyer = order.EraseWordsOf(Party.Buyer, s.Now);
        var seller = order.EraseWordsOf(Party.Seller, s.Now);

        Assert.Equal(finished, buyer.IsSuccess);
        Assert.Equal(finished, seller.IsSuccess);
        Assert.Equal(before, Shape(order, s.Now));
        if (finished)
        {
            Assert.All(order.Disputes, d => Assert.Equal("", d.Claim.Description));
            Assert.All(order.Disputes.SelectMany(d => d.Messages).Where(m => !m.Author.StartsWith("mediator", StringComparison.Ordinal)), m => Assert.Equal("", m.Text));
            Assert.All(order.Evidence.Where(f => f.UploadedBy is "b1" or "s1"), f => Assert.Equal(("", true), (f.FileName, f.ErasedAt is not null)));
            Assert.True(order.IsErased(Party.Buyer) && order.IsErased(Party.Seller));
        }
    }

    /// <summary>Everything erasing must keep: status, money, timers, what each party may do, and who did what when.</summary>
    private static string Shape(Order order, DateTimeOffset now) => JsonSerializer.Serialize(new
    {
        order.Status,
        order.FinishedAt,
        Postings = order.Ledger.Postings.Select(p => p.Id),
        Entries = order.Ledger.Postings.SelectMany(p => p.Entries.Select(e => $"{e.Account}:{e.Amount}")),
        Refunds = order.Refunds.Select(r => $"{r.Id}:{r.Amount.Minor}:{r.Status}"),
        Deadlines = order.Deadlines().Select(d => $"{d.Key}@{d.DueAt:O}"),
        History = order.History.Concat(order.Disputes.SelectMany(d => d.History)).Select(h => $"{h.At:O} {h.Actor} {h.Action}"),
        Disputes = order.Disputes.Select(d => $"{d.Id}:{d.Status}:{d.Outcome?.RefundAmount.Minor}"),
        Allowed = new[] { Scenario.Buyer, Scenario.Seller, Scenario.Mediator }.Select(a => string.Join(',', order.AllowedActions(a, now))),
    });
}
