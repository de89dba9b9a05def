using Arbiter.Domain.Common;
using System.Text.Json;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

namespace Arbiter.Domain.Tests;

public class EventTests
{
    [Fact]
    public void Every_history_entry_of_the_order_and_its_disputes_is_an_event_numbered_in_the_order_it_happened()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();
        var offer = dispute.MakeOffer(Scenario.Seller, Disputes.OfferType.RefundOnly, 1000, null, s.Now).ShouldSucceed();
        dispute.AcceptOffer(Scenario.Buyer, offer.Id, false, s.Now).ShouldSucceed();

        var events = s.Order.NewEvents;
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(
            [
                (null, "order_created"), (null, "shipped"), (dispute.Id, "opened"), (null, "dispute_opened"), (dispute.Id, "offer_made"),
                (dispute.Id, "offer_accepted"), (dispute.Id, "resolved"), (null, "refund_created"),
            ],
            events.Take(8).Select(e => (e.DisputeId, Words.Of(e.Entry.Action))));
        Assert.Equal(s.Order.Refunds.Single().Id, events.Single(e => e.Entry.Action == HistoryAction.RefundCreated).RefundId);
        Assert.Equal(s.Order.History.Count + dispute.History.Count, events.Count);
    }

    [Fact]
    public void A_loaded_order_starts_with_no_new_events_and_numbers_the_next_one_after_the_last()
    {
        var s = Scenario.Shipped();
        s.Open();
        var last = s.Order.NewEvents[^1].Sequence;

        var loaded = Reload(s.Order);
        Assert.Empty(loaded.NewEvents);
        loaded.ExtendProtection(Scenario.Seller, 3, s.Now).ShouldSucceed();

        Assert.Equal(last + 1, Assert.Single(loaded.NewEvents).Sequence);
    }

    [Fact]
    public void A_document_saved_before_events_were_numbered_continues_from_its_history()
    {
        var s = Scenario.Shipped(lines: 2);
        s.Open("l1");
        s.Open("l2");
        var document = JsonSerializer.Serialize(s.Order, Scenario.Json);
        var old = document.Replace($"\"eventSequence\":{s.Order.EventSequence},", "", StringComparison.Ordinal);
        Assert.NotEqual(document, old);

        var loaded = Rehydrate(old, s.Order);
        loaded.ExtendProtection(Scenario.Seller, 3, s.Now).ShouldSucceed();

        Assert.Equal(s.Order.EventSequence + 1, Assert.Single(loaded.NewEvents).Sequence);
    }

    [Fact]
    public void A_refused_command_records_no_event()
    {
        var s = Scenario.Shipped();
        var before = s.Order.NewEvents.Count;

        s.Order.Ship(Scenario.Seller, "DHL", "again", s.Now).ShouldFailWith("already_shipped");

        Assert.Equal(before, s.Order.NewEvents.Count);
    }

    private static Order Reload(Order order) => Rehydrate(JsonSerializer.Serialize(order, Scenario.Json), order);

    private static Order Rehydrate(string document, Order original)
    {
        var loaded = JsonSerializer.Deserialize<Order>(document, Scenario.Json)!;
        loaded.AttachLedger(original.Ledger.Postings);
        return loaded;
    }
}
