using System.Text.Json;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using static Arbiter.Domain.Tests.Support.RandomStory;

namespace Arbiter.Domain.Tests;

/// <summary>The code does what the tables say: in random stories, every change is one the table names, and a refusal changes nothing.</summary>
public class StateMachineTests
{
    /// <summary>The story's commands on a dispute, as the table names them.</summary>
    private static readonly Dictionary<Op, DisputeAction> DisputeActions = new()
    {
        [Op.AcceptClaim] = DisputeAction.AcceptClaim,
        [Op.Reject] = DisputeAction.Reject,
        [Op.MakeOffer] = DisputeAction.MakeOffer,
        [Op.AcceptOffer] = DisputeAction.AcceptOffer,
        [Op.DeclineOffer] = DisputeAction.DeclineOffer,
        [Op.ChangeClaim] = DisputeAction.ChangeClaim,
        [Op.CancelDispute] = DisputeAction.Cancel,
        [Op.Escalate] = DisputeAction.Escalate,
        [Op.RequestInfo] = DisputeAction.RequestInfo,
        [Op.AnswerInfo] = DisputeAction.AnswerInfoRequest,
        [Op.Decide] = DisputeAction.Decide,
        [Op.Appeal] = DisputeAction.Appeal,
        [Op.ShipReturn] = DisputeAction.ShipReturn,
        [Op.RecordReturnDelivery] = DisputeAction.RecordReturnDelivery,
        [Op.ConfirmReturn] = DisputeAction.ConfirmReturnReceived,
        [Op.RefuseReturn] = DisputeAction.RefuseReturn,
    };

    private static readonly Dictionary<Op, OrderAction> OrderActions = new()
    {
        [Op.Ship] = OrderAction.Ship,
        [Op.ConfirmReceipt] = OrderAction.ConfirmReceipt,
        [Op.CancelOrder] = OrderAction.Cancel,
        [Op.ExtendProtection] = OrderAction.ExtendProtection,
        [Op.Open] = OrderAction.OpenDispute,
    };

    [FsCheck.Xunit.Property(MaxTest = 300, EndSize = 200)]
    public Property Every_change_is_one_the_tables_name_and_every_refusal_changes_nothing() => Prop.ForAll(Runs, run =>
    {
        var s = run.StartShipped ? Scenario.Shipped(lines: 2) : Scenario.Paid(lines: 2);
        foreach (var step in run.Steps)
        {
            var document = JsonSerializer.Serialize(s.Order, Scenario.Json);
            var (events, postings, orderStatus) = (s.Order.NewEvents.Count, s.Ledger.Postings.Count, s.Order.Status);
            var disputes = s.Order.Disputes.ToDictionary(d => d.Id, d => d.Status);
            var target = s.Order.Disputes.LastOrDefault(d => d.LineId == s.Order.Lines[step.Line].Id)?.Id;

            var result = Apply(s, step);

            if (result is { IsSuccess: false })
            {
                Assert.Equal(document, JsonSerializer.Serialize(s.Order, Scenario.Json));
                Assert.Equal((events, postings), (s.Order.NewEvents.Count, s.Ledger.Postings.Count));
            }
            else if (result is null)
            {
                continue;
            }
            else if (DisputeActions.TryGetValue(step.Op, out var action) && target is not null)
            {
                var after = s.Order.Dispute(target)!.Status;
                Assert.Contains(after, DisputeRules.Table.LeadsTo(disputes[target], action));
            }
            else if (OrderActions.TryGetValue(step.Op, out var orderAction) && step.Op != Op.Open)
            {
                Assert.Contains(s.Order.Status, OrderRules.Table.LeadsTo(orderStatus, orderAction));
            }

            AssertArmedAsTheTablesSay(s.Order);
        }

        return true;
    });

    [FsCheck.Xunit.Property(MaxTest = 300, EndSize = 200)]
    public Property No_dispute_opens_after_protection_ended_unless_the_buyer_confirmed_receipt_early() => Prop.ForAll(Runs, run =>
    {
        var s = run.StartShipped ? Scenario.Shipped(lines: 2) : Scenario.Paid(lines: 2);
        foreach (var step in run.Steps)
        {
            Apply(s, step);
        }

        // The order's history, in the order things happened: protection ends by the clock, or the
        // order completes without the buyer's word; only the buyer's own confirmation opens a window after.
        var (ended, confirmedAt) = (false, (DateTimeOffset?)null);
        foreach (var entry in s.Order.History)
        {
            switch (entry.Action)
            {
                case HistoryAction.ReceiptConfirmed:
                    confirmedAt = entry.At;
                    break;
                case HistoryAction.ProtectionEnded or HistoryAction.OrderCompleted or HistoryAction.OrderClosed:
                    ended = true;
                    break;
                case HistoryAction.DisputeOpened:
                    var open = confirmedAt is { } confirmed ? entry.At < confirmed + s.Order.Policy.PostCompletionDisputeWindow : !ended;
                    Assert.True(open, $"{entry.Details} opened at {entry.At:O}, after protection ended");
                    break;
            }
        }

        return true;
    });

    [Fact]
    public void Every_status_has_a_row_and_every_armed_deadline_kind_is_in_its_row()
    {
        var s = Scenario.Shipped(lines: 2);
        s.Open();
        AssertArmedAsTheTablesSay(s.Order);
        Assert.Equal(Enum.GetValues<DisputeStatus>(), DisputeRules.Table.Rows.Select(r => r.Status));
        Assert.Equal(Enum.GetValues<OrderStatus>(), OrderRules.Table.Rows.Select(r => r.Status));
    }

    private static void AssertArmedAsTheTablesSay(Order order)
    {
        foreach (var deadline in order.Deadlines())
        {
            if (deadline.DisputeId is { } id)
            {
                var dispute = order.Dispute(id)!;
                Assert.True(DisputeRules.Table.Arms(dispute.Status, deadline.Kind), $"{id} armed {deadline.Kind} while {dispute.Status}");
            }
            else
            {
                Assert.True(OrderRules.Table.Arms(order.Status, deadline.Kind), $"the order armed {deadline.Kind} while {order.Status}");
            }
        }
    }
}
