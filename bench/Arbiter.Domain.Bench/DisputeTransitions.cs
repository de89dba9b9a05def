using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Domain.Bench;

/// <summary>The pure decisions, without I/O: what one command or one timer costs the CPU.</summary>
[MemoryDiagnoser]
public class DisputeTransitions
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Buyer = new(Role.Buyer, "b1");
    private static readonly Actor Seller = new(Role.Seller, "s1");
    private static readonly ClaimRequest Claim = new(true, "damaged", Solution.RefundOnly, null, "Broken on arrival.", []);

    [Benchmark(Description = "create an order (capture into escrow)")]
    public Order CreateOrder() => NewOrder();

    [Benchmark(Description = "ship (protection starts)")]
    public Order Ship()
    {
        var order = NewOrder();
        order.Ship(Seller, "DHL", "T1", Start);
        return order;
    }

    [Benchmark(Description = "open a dispute")]
    public Order OpenDispute()
    {
        var order = Shipped();
        order.OpenDispute(Buyer, "l1", Claim, Start);
        return order;
    }

    [Benchmark(Description = "offer, accept (refund and release)")]
    public Order OfferAndAccept()
    {
        var order = Shipped();
        var dispute = order.OpenDispute(Buyer, "l1", Claim, Start).Value!;
        var offer = dispute.MakeOffer(Seller, OfferType.RefundOnly, 1000, null, Start).Value!;
        dispute.AcceptOffer(Buyer, offer.Id, confirmed: false, Start);
        return order;
    }

    [Benchmark(Description = "protection ends: reminder and auto-confirmation fire")]
    public int ProtectionRunsOut() => Shipped().FireDue(Start.AddDays(61)).Count;

    [Benchmark(Description = "allowed actions of a negotiating dispute")]
    public int AllowedActions()
    {
        var order = Shipped();
        var dispute = order.OpenDispute(Buyer, "l1", Claim, Start).Value!;
        dispute.Reject(Seller, "No", Start);
        return dispute.AllowedActions(Buyer, Start).Count();
    }

    private static Order NewOrder() => Order.Create(
        Actor.Platform,
        new NewOrder("o1", "b1", "s1", "USD", [new NewLine("l1", "Bike speedometer", 1, 1999, 300)], new Payment("card", "pay_1"), "standard"),
        Policy.Default,
        Start).Value!;

    private static Order Shipped()
    {
        var order = NewOrder();
        order.Ship(Seller, "DHL", "T1", Start);
        return order;
    }
}
