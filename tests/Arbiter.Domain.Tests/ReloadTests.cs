using System.Reflection;
using System.Text.Json;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using static Arbiter.Domain.Tests.Support.RandomStory;

namespace Arbiter.Domain.Tests;

/// <summary>
/// An order's document keeps amounts as bare minor units and its currency once; loading must give
/// every amount (lines, claims, offers, outcomes, refunds) its currency back, whatever happened.
/// </summary>
public sealed class ReloadTests
{
    [Fact]
    public void Every_story_reloads_to_the_same_order_with_every_amount_in_its_currency() =>
        Prop.ForAll(Runs, run =>
        {
            var s = run.StartShipped ? Scenario.Shipped(lines: 2) : Scenario.Paid(lines: 2);
            foreach (var step in run.Steps)
            {
                Apply(s, step);
            }

            var document = JsonSerializer.Serialize(s.Order, Scenario.Json);
            var loaded = JsonSerializer.Deserialize<Order>(document, Scenario.Json)!;
            loaded.AttachLedger(s.Ledger.Postings);

            Assert.Equal(document, JsonSerializer.Serialize(loaded, Scenario.Json));
            Assert.All(AmountsIn(loaded), m => Assert.Equal(loaded.Currency, m.Currency));
            Assert.Equal(s.Order.Total, loaded.Total);
            Assert.Equal(s.Order.Disputes.Select(d => d.Outcome?.RefundAmount), loaded.Disputes.Select(d => d.Outcome?.RefundAmount));
            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void An_order_in_a_currency_with_no_minor_unit_reloads_in_it()
    {
        var created = Order.Create(
            Actor.Platform,
            new NewOrder("o1", "b1", "s1", "JPY", [new NewLine("l1", "Kettle", 1, 4800, 700)], new Payment("card", "p"), "standard"),
            Policy.Default,
            Scenario.Start).Value!;

        var loaded = JsonSerializer.Deserialize<Order>(JsonSerializer.Serialize(created, Scenario.Json), Scenario.Json)!;

        Assert.Equal(Money.Of(5500, "JPY"), loaded.Total);
        Assert.Equal("JPY 5,500", loaded.Lines[0].Total.ToString());
    }

    [Fact]
    public void The_walk_finds_amounts_everywhere_an_order_keeps_them()
    {
        var s = Scenario.Shipped(lines: 2);
        s.Open(claim: Scenario.Claim(amount: 1000));
        s.Order.Dispute("o1-d1")!.MakeOffer(Scenario.Seller, Disputes.OfferType.RefundOnly, 800, null, s.Now).ShouldSucceed();

        // Two lines x (unit price, shipping), the claim and the offer.
        Assert.Equal(6, AmountsIn(s.Order).Count);
    }

    /// <summary>Every <see cref="Money"/> reachable from the order's public state.</summary>
    private static List<Money> AmountsIn(object root)
    {
        var found = new List<Money>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root);
        return found;

        void Walk(object? value)
        {
            switch (value)
            {
                case null or string or Enum or DateTimeOffset or TimeSpan or bool or int or long or Currency:
                    return;
                case Money money:
                    found.Add(money);
                    return;
                case System.Collections.IEnumerable items:
                    foreach (var item in items)
                    {
                        Walk(item);
                    }

                    return;
            }

            if (!value.GetType().IsValueType && !seen.Add(value))
            {
                return;
            }

            // What has a setter is what a document stores.
            var stored = value.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.SetMethod is not null && p.GetIndexParameters().Length == 0);
            foreach (var property in stored)
            {
                Walk(property.GetValue(value));
            }
        }
    }
}
