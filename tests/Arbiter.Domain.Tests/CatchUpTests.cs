using Arbiter.Domain.Disputes;
using Arbiter.Domain.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

/// <summary>
/// Timers fire at their own due instants: a clock that catches up after a long downtime must
/// leave exactly the history and the money that a clock ticking live would have left.
/// </summary>
public class CatchUpTests
{
    private sealed record Command(double Day, Action<Scenario> Act);

    private static readonly Command[] TwoLineStory =
    [
        new(0, s => s.Open("l1", Scenario.Claim(reason: "damaged", solution: Solution.ReturnAndRefund))),
        new(0, s => s.Open("l2", Scenario.Claim(reason: "quality_problem", amount: 500))),
        new(1, s => s.Order.Disputes[1].Reject(Scenario.Seller, "No.", s.Now).ShouldSucceed()),
        new(9, s => s.Order.Disputes[1].RequestInfo(Scenario.Mediator, [Party.Seller], "Proof of quality?", 2, s.Now).ShouldSucceed()),
    ];

    private static readonly Command[] ProtectionEndsDuringMediation =
    [
        new(58, s => s.Open()),
        new(59, s => s.Order.Disputes[0].Reject(Scenario.Seller, "No.", s.Now).ShouldSucceed()),
        new(67, s => s.Order.Disputes[0].Decide(Scenario.Mediator, MediatorOutcome.PartialRefund, 1000, null, "Half way.", s.Now).ShouldSucceed()),
    ];

    /// <summary>Plays the commands at their instants, ticking the clock every <paramref name="tickHours"/> in between (0: only at commands).</summary>
    private static Scenario Play(Command[] story, double tickHours, int lines)
    {
        var s = Scenario.Shipped(lines);
        foreach (var command in story.Append(new Command(200, _ => { })))
        {
            var at = Scenario.Start.AddDays(command.Day);
            while (tickHours > 0 && s.Now.AddHours(tickHours) < at)
            {
                s.Advance(TimeSpan.FromHours(tickHours));
            }

            s.AdvanceTo(at);
            command.Act(s);
        }

        return s;
    }

    private static object Snapshot(Scenario s) => new
    {
        s.Order.Status,
        s.Order.CompletedAt,
        s.Order.ClosedAt,
        OrderHistory = string.Join('\n', s.Order.History),
        DisputeHistories = string.Join('\n', s.Order.Disputes.SelectMany(d => d.History)),
        Outcomes = string.Join('\n', s.Order.Disputes.Select(d => d.Outcome)),
        Postings = string.Join('\n', s.Ledger.Postings.Select(p => $"{p.Id} {p.Kind} {p.LineId} {p.At:O} {p.Entries[1].Amount}")),
        Refunds = string.Join('\n', s.Order.Refunds),
    };

    [Fact]
    public void Deadlines_due_at_one_instant_fire_by_kind_then_by_key()
    {
        var s = Scenario.Shipped(lines: 2);
        var first = s.Open("l2");
        var second = s.Open("l1");

        var fired = s.Order.FireDue(s.Now.AddDays(10));

        Assert.Equal([first.Id, second.Id], fired.Where(d => d.Kind == DeadlineKind.SellerResponse).Select(d => d.DisputeId));
    }

    [Fact]
    public void The_end_of_protection_fires_before_a_seller_response_due_at_the_same_instant()
    {
        var s = Scenario.Shipped(lines: 2);
        s.AdvanceTo(s.ProtectionEndsAt - s.Order.Policy.SellerResponse);
        s.Open("l2");

        var fired = s.Order.FireDue(s.ProtectionEndsAt);

        Assert.Equal([DeadlineKind.ProtectionEnd, DeadlineKind.SellerResponse], fired.Where(d => d.DueAt == s.ProtectionEndsAt).Select(d => d.Kind));
    }

    [Fact]
    public void Catching_up_on_many_deadlines_at_once_gives_the_same_history_and_money_as_firing_them_on_time()
    {
        var live = Play(TwoLineStory, tickHours: 1, lines: 2);
        var late = Play(TwoLineStory, tickHours: 0, lines: 2);

        Assert.Equal(Snapshot(live), Snapshot(late));
        Assert.Equal(Scenario.Start.AddDays(15), late.Order.CompletedAt);
        Assert.Equal(Usd(500), late.Ledger.Refunded());
    }

    [Fact]
    public void Catching_up_across_protection_end_and_the_appeal_window_gives_the_same_result_as_live()
    {
        var live = Play(ProtectionEndsDuringMediation, tickHours: 1, lines: 1);
        var late = Play(ProtectionEndsDuringMediation, tickHours: 0, lines: 1);

        Assert.Equal(Snapshot(live), Snapshot(late));
        Assert.Equal(Scenario.Start.AddDays(74), late.Order.CompletedAt);
        Assert.Equal(Usd(2500), late.Ledger.Released());
    }

    [FsCheck.Xunit.Property(MaxTest = 100, EndSize = 150)]
    public Property For_any_story_a_clock_that_jumps_leaves_the_same_books_and_history_as_one_that_ticks() =>
        Prop.ForAll(RandomStory.Runs, run =>
        {
            Assert.Equal(Snapshot(Replay(run, tickHours: 5)), Snapshot(Replay(run, tickHours: 0)));
            return true;
        });

    private static Scenario Replay(RandomStory.Run run, double tickHours)
    {
        var s = run.StartShipped ? Scenario.Shipped(lines: 2) : Scenario.Paid(lines: 2);
        foreach (var step in run.Steps)
        {
            RandomStory.Apply(s, step, tickHours);
        }

        return s;
    }

    [Fact]
    public void A_deadline_fires_exactly_once()
    {
        var s = Scenario.Paid();

        Assert.Single(s.Order.FireDue(Scenario.Start.AddDays(30)));
        Assert.Empty(s.Order.FireDue(Scenario.Start.AddDays(30)));
        Assert.Empty(s.Order.FireDue(Scenario.Start.AddDays(300)));
        Assert.Single(s.Order.Refunds);
    }

    [Fact]
    public void Nothing_fires_before_it_is_due()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();

        Assert.Empty(s.Order.FireDue(dispute.SellerResponseDueAt.AddDays(-1).AddTicks(-1)));
        Assert.Single(s.Order.FireDue(dispute.SellerResponseDueAt.AddTicks(-1)));
        Assert.Equal(DisputeStatus.AwaitingSellerResponse, dispute.Status);
        Assert.Single(s.Order.FireDue(dispute.SellerResponseDueAt));
        Assert.Equal(DisputeStatus.Resolved, dispute.Status);
    }
}
