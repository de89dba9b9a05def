using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Ledger;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using static Arbiter.Domain.Tests.Support.RandomStory;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

public class LedgerInvariantTests
{
    [FsCheck.Xunit.Property(MaxTest = 300, EndSize = 200)]
    public Property Random_commands_chargebacks_and_clock_advances_never_break_the_books_nor_let_protection_lapse_under_a_promise() => Prop.ForAll(Runs, Check);

    [Fact]
    public void The_random_stories_reach_every_step_of_a_promise_and_of_a_chargeback()
    {
        var seen = new HashSet<DisputeStatus>();
        var chargebacks = new HashSet<ChargebackStatus>();
        var (replaced, overlapping) = (false, false);
        // A fixed seed: this checks the generator's reach, not luck.
        foreach (var run in Runs.Generator.Sample(200, new Rnd(2026, 1201), 1000))
        {
            var s = run.StartShipped ? Scenario.Shipped(lines: 2) : Scenario.Paid(lines: 2);
            foreach (var step in run.Steps)
            {
                Apply(s, step);
                seen.UnionWith(s.Order.Disputes.Select(d => d.Status));
                chargebacks.UnionWith(s.Order.Chargebacks.Select(c => c.Status));
                replaced |= s.Order.Chargebacks.Any(c => c.Replaced.Count > 0);
                overlapping |= s.Order.Chargebacks.Any(c => c.Overlap.IsPositive);
            }
        }

        Assert.Empty(new[] { DisputeStatus.WaitingForDelivery, DisputeStatus.AwaitingReplacement, DisputeStatus.AwaitingReplacementReceipt }.Except(seen));
        Assert.Empty(new[] { ChargebackStatus.Open, ChargebackStatus.Won, ChargebackStatus.Lost }.Except(chargebacks));
        Assert.True(replaced && overlapping, "no story withdrew a refund for a chargeback, or none overlapped a sent refund");
    }

    [Fact]
    public void Every_posting_is_balanced_and_moves_one_lines_money()
    {
        var posting = Posting.Transfer(OrderId.Of("o1"), 1, "l1", PostingKind.Release, Scenario.Start, LedgerAccount.Escrow, LedgerAccount.Seller, 700);

        Assert.True(posting.IsBalanced);
        Assert.Equal([new LedgerEntry(LedgerAccount.Escrow, -700), new LedgerEntry(LedgerAccount.Seller, 700)], posting.Entries);
    }

    [Fact]
    public void The_ledger_refuses_to_take_more_out_of_escrow_than_it_holds()
    {
        var ledger = new OrderLedger(OrderId.Of("o1"), Currency.Of("USD"), []);
        ledger.Capture("l1", Usd(1000), Scenario.Start);

        Assert.Throws<InvalidOperationException>(() => ledger.Release("l1", Usd(1001), Scenario.Start));
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.Release("l1", Usd(0), Scenario.Start));
        Assert.Single(ledger.Postings);
    }

    [Fact]
    public void A_refund_comes_from_escrow_first_and_the_rest_back_from_the_seller()
    {
        var ledger = new OrderLedger(OrderId.Of("o1"), Currency.Of("USD"), []);
        ledger.Capture("l1", Usd(1000), Scenario.Start);
        ledger.Release("l1", Usd(600), Scenario.Start);

        ledger.Refund("l1", Usd(700), Scenario.Start);

        Assert.Equal([PostingKind.Capture, PostingKind.Release, PostingKind.Refund, PostingKind.Clawback], ledger.Postings.Select(p => p.Kind));
        Assert.Equal(Usd(0), ledger.Held("l1"));
        Assert.Equal(Usd(300), ledger.Released("l1"));
        Assert.Equal(Usd(700), ledger.Refunded("l1"));
        Assert.Equal(Usd(1000), ledger.Captured("l1"));
    }

    private static bool Check(Run run)
    {
        var s = run.StartShipped ? Scenario.Shipped(lines: 2) : Scenario.Paid(lines: 2);
        AssertBooks(s, releasedBefore: 0);
        foreach (var step in run.Steps)
        {
            var releasesBefore = s.Ledger.Postings.Count(p => p.Kind == PostingKind.Release);
            var protectedPromises = ProtectedPromises(s);
            Apply(s, step);
            AssertBooks(s, releasesBefore);

            // A promise that ran under protection keeps it running for as long as it runs.
            Assert.All(ProtectedPromises(s, whileProtected: false).Intersect(protectedPromises), _ => Assert.False(s.Order.ProtectionExpired, "protection lapsed while a promise runs"));
        }

        return true;
    }

    /// <summary>The promises running now, each as its dispute and offer: only those under running protection, unless <paramref name="whileProtected"/> is false.</summary>
    private static HashSet<(string, string)> ProtectedPromises(Scenario s, bool whileProtected = true) =>
        [.. s.Order.Disputes
            .Where(d => d.AwaitsPromise && s.Order.Status == OrderStatus.AwaitingConfirmation && (!whileProtected || !s.Order.ProtectionExpired))
            .Select(d => (d.Id, d.Promise!.OfferId))];

    private static void AssertBooks(Scenario s, int releasedBefore)
    {
        var ledger = s.Ledger;
        Assert.All(ledger.Postings, p => Assert.True(p.IsBalanced, $"posting {p.Id} is not balanced"));
        Assert.All(ledger.Postings, p => Assert.All(p.Entries, e => Assert.NotEqual(0, e.Amount)));
        foreach (var line in s.Order.Lines)
        {
            Assert.True(ledger.Held(line.Id).IsNegative is false, $"escrow of {line.Id} went negative");
            Assert.True(ledger.Released(line.Id).IsNegative is false, $"the seller owes money on {line.Id}");
            Assert.True(ledger.Refunded(line.Id) + ledger.ChargedBack(line.Id) <= line.Total, $"{line.Id} paid the buyer back beyond its total, refunds and chargebacks together");
            Assert.Equal(line.Total, ledger.Captured(line.Id));
            Assert.Equal(line.Total, ledger.Held(line.Id) + ledger.Released(line.Id) + ledger.Refunded(line.Id) + ledger.ChargedBack(line.Id));
            Assert.Equal(ledger.Refunded(line.Id), Money.Sum(s.Order.Refunds.Where(r => r.LineId == line.Id && r.Counts).Select(r => r.Amount), ledger.Currency));
        }

        Assert.Empty(BooksAudit.Check(s.Order));
        if (s.Order.HasOpenChargeback)
        {
            Assert.All(s.Order.Disputes, d => Assert.True(d.IsFinished, $"{d.Id} is open while the bank decides"));
        }

        if (s.Order.HasOpenDispute)
        {
            Assert.True(
                ledger.Postings.Count(p => p.Kind == PostingKind.Release) == releasedBefore,
                "money was released to the seller while a dispute is open");
        }

        foreach (var waiting in s.Order.Disputes.Where(d => d.AwaitsPromise && s.Order.Status == OrderStatus.AwaitingConfirmation && !s.Order.ProtectionExpired))
        {
            Assert.True(s.ProtectionEndsAt >= waiting.Promise!.DueAt + s.Order.Policy.ProtectionReminder, $"protection ends before the promise in {waiting.Id} does");
        }

        if (s.Order.Status == OrderStatus.Closed)
        {
            Assert.Equal(Usd(0), ledger.Held());
        }

        if (s.Order.Status == OrderStatus.Completed && !s.Order.HasOpenDispute)
        {
            Assert.Equal(Usd(0), ledger.Held());
        }
    }

}
