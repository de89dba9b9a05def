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
