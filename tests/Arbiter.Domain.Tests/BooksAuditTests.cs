using System.Text.Json;
using System.Text.Json.Nodes;
using Arbiter.Domain.Common;
using Arbiter.Domain.Ledger;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;
using static Arbiter.Domain.Ledger.LedgerAccount;

namespace Arbiter.Domain.Tests;

/// <summary>The audit finds every way an order's books can be wrong, in sentences, and nothing when they are right.</summary>
public class BooksAuditTests
{
    [Fact]
    public void Books_the_domain_kept_through_a_whole_story_have_no_finding()
    {
        var s = Scenario.Shipped(lines: 2);
        var dispute = s.Negotiating();
        var offer = dispute.MakeOffer(Scenario.Seller, Disputes.OfferType.RefundOnly, 1000, null, s.Now).ShouldSucceed();
        dispute.AcceptOffer(Scenario.Buyer, offer.Id, false, s.Now).ShouldSucceed();
        s.AdvanceTo(s.ProtectionEndsAt);

        Assert.Empty(BooksAudit.Check(s.Order));
    }

    [Fact]
    public void A_posting_that_does_not_balance_or_has_one_side_is_found()
    {
        var s = Scenario.Paid();
        s.Order.AttachLedger([
            new Posting(OrderId.Of("o1"), 1, "l1", PostingKind.Capture, Scenario.Start, [new LedgerEntry(BuyerPayment, -3500), new LedgerEntry(Escrow, 3400)]),
            new Posting(OrderId.Of("o1"), 2, "l1", PostingKind.Capture, Scenario.Start, [new LedgerEntry(Escrow, 0)]),
        ]);

        var findings = BooksAudit.Check(s.Order).ToList();

        Assert.Contains("posting o1:1 does not balance: its entries sum to USD -1.00", findings);
        Assert.Contains("posting o1:2 does not balance: it has one side only", findings);
    }

    [Fact]
    public void A_line_captured_wrongly_or_escrow_that_does_not_add_up_is_found()
    {
        var s = Scenario.Paid();
        s.Order.AttachLedger([Posting.Transfer(OrderId.Of("o1"), 1, "l1", PostingKind.Capture, Scenario.Start, BuyerPayment, Escrow, 3000)]);
        Assert.Equal(["line l1: captured USD 30.00, but the line costs USD 35.00"], BooksAudit.Check(s.Order));

        s.Order.AttachLedger([
            Posting.Transfer(OrderId.Of("o1"), 1, "l1", PostingKind.Capture, Scenario.Start, BuyerPayment, Escrow, 3500),
            Posting.Transfer(OrderId.Of("o1"), 2, "l1", PostingKind.Release, Scenario.Start, Escrow, "elsewhere", 500),
        ]);
        Assert.Equal(["line l1: escrow holds USD 30.00, not captured USD 35.00 - released USD 0.00 - refunded USD 0.00 - charged back USD 0.00"], BooksAudit.Check(s.Order));
    }

    [Fact]
    public void Negative_balances_and_refunds_beyond_the_line_or_beside_the_record_are_found()
    {
        var s = Scenario.Paid();
        s.Order.AttachLedger([
            Posting.Transfer(OrderId.Of("o1"), 1, "l1", PostingKind.Capture, Scenario.Start, BuyerPayment, Escrow, 3500),
            Posting.Transfer(OrderId.Of("o1"), 2, "l1", PostingKind.Refund, Scenario.Start, Escrow, BuyerRefund, 4000),
        ]);

        var findings = BooksAudit.Check(s.Order).ToList();

        Assert.Contains("line l1: a balance is negative (held USD -5.00, released USD 0.00, refunded USD 40.00, charged back USD 0.00)", findings);
        Assert.Contains("line l1: refunded USD 40.00 and charged back USD 0.00, more than its total USD 35.00", findings);
        Assert.Contains("line l1: refunds on record add up to USD 0.00, the ledger says USD 40.00", findings);
    }

    [Fact]
    public void A_finished_order_still_holding_money_or_money_released_under_an_open_dispute_is_found()
    {
        var s = Scenario.Shipped();
        s.Order.ConfirmReceipt(Scenario.Buyer, s.Now).ShouldSucceed();
        s.Order.AttachLedger([Posting.Transfer(OrderId.Of("o1"), 1, "l1", PostingKind.Capture, Scenario.Start, BuyerPayment, Escrow, 3500)]);
        Assert.Equal(["order is Completed but escrow still holds USD 35.00"], BooksAudit.Check(s.Order));

        var open = Scenario.Shipped();
        open.Open();
        open.Order.AttachLedger([
            Posting.Transfer(OrderId.Of("o1"), 1, "l1", PostingKind.Capture, Scenario.Start, BuyerPayment, Escrow, 3500),
            Posting.Transfer(OrderId.Of("o1"), 2, "l1", PostingKind.Release, Scenario.Start, Escrow, Seller, 100),
        ]);
        Assert.Equal(["line l1: USD 1.00 was released while dispute o1-d1 is open"], BooksAudit.Check(open.Order));
    }

    [Fact]
    public void A_settled_dispute_whose_refunds_differ_from_its_outcome_is_found()
    {
        var s = Scenario.Shipped(lines: 2);
        s.Open().AcceptClaim(Scenario.Seller, s.Now).ShouldSucceed();
        var document = JsonNode.Parse(JsonSerializer.Serialize(s.Order, Scenario.Json))!;
        document["refunds"]![0]!["amount"] = 3400;
        var order = JsonSerializer.Deserialize<Order>(document.ToJsonString(), Scenario.Json)!;
        order.AttachLedger(s.Ledger.Postings.Select(p => p.Kind == PostingKind.Refund ? p with { Entries = [new LedgerEntry(Escrow, -3400), new LedgerEntry(BuyerRefund, 3400)] } : p));

        Assert.Equal(["dispute o1-d1: refunded differs from its outcome (USD 35.00)"], BooksAudit.Check(order));
    }
}
