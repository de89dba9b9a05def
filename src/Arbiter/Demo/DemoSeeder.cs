using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Storage;

namespace Arbiter.Demo;

/// <summary>Demo accounts with fixed tokens and orders in several states, for clicking through.</summary>
internal sealed class DemoSeeder(AccountStore accounts, OrderStore orders, Policy policy, TimeProvider clock)
{
    public static readonly (string Id, Role Role, string Name, string Token)[] Accounts =
    [
        ("demo_buyer", Role.Buyer, "Bea Buyer", "demo-buyer-token"),
        ("demo_seller", Role.Seller, "Sam Seller", "demo-seller-token"),
        ("demo_mediator", Role.Mediator, "Mia Mediator", "demo-mediator-token"),
    ];

    /// <summary>The demo's orders, with ids such as a marketplace gives them, and what each shows.</summary>
    public static readonly (string Id, string Shows)[] Orders =
    [
        (ToShip, "waiting to be shipped"),
        (Shipped, "shipped, protection running"),
        (Disputed, "a dispute waiting for the seller"),
        (Negotiating, "a seller offering \"no return, no refund\" and asking to close the dispute"),
        (WithMediator, "a dispute with a mediator"),
        (Completed, "completed"),
    ];

    private const string ToShip = "ord-2026-000101";
    private const string Shipped = "ord-2026-000102";
    private const string Disputed = "ord-2026-000103";
    private const string Negotiating = "ord-2026-000104";
    private const string WithMediator = "ord-2026-000105";
    private const string Completed = "ord-2026-000106";

    /// <summary>Seeds once; returns false when the data folder already holds the demo.</summary>
    public async Task<bool> SeedAsync()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, role, name, token) in Accounts)
        {
            if (!await accounts.CreateAsync(new Account(id, role, name, $"{id}@example.test"), token, now))
            {
                return false;
            }
        }

        var buyer = new Actor(Role.Buyer, "demo_buyer");
        var seller = new Actor(Role.Seller, "demo_seller");
        await AddAsync(ToShip, "Bike speedometer", 1999, 300, now, _ => { });
        await AddAsync(Shipped, "LED bike light set", 2599, 0, now, o => o.Ship(seller, "China Post", "RB123456789CN", now));
        await AddAsync(Disputed, "Waterproof phone case", 899, 150, now, o =>
        {
            o.Ship(seller, "Cainiao", "LP00123456789", now);
            o.OpenDispute(buyer, "l1", new ClaimRequest(true, "not_as_described", Solution.RefundOnly, null, "The case leaks after five minutes under water.", []), now);
        });
        await AddAsync(Negotiating, "Wireless earbuds", 3499, 0, now, o =>
        {
            o.Ship(seller, "Yanwen", "UG987654321YP", now);
            var dispute = o.OpenDispute(buyer, "l1", new ClaimRequest(false, "not_received_in_transit", Solution.RefundOnly, null, "Tracking has not moved for three weeks.", []), now).Value!;
            dispute.MakeOffer(seller, OfferType.NoRefund, null, "The parcel is on its way, please close the dispute and wait two more weeks.", now);
            dispute.SendMessage(seller, "Please cancel the dispute, I will send you a new one. I can also refund you directly on PayPal.", now);
        });
        await AddAsync(WithMediator, "Leather wallet", 2199, 200, now, o =>
        {
            o.Ship(seller, "DHL", "JD0123456789", now);
            var dispute = o.OpenDispute(buyer, "l1", new ClaimRequest(true, "counterfeit", Solution.ReturnAndRefund, null, "The logo is printed, not embossed; this is not the brand advertised.", []), now).Value!;
            dispute.Reject(seller, "It is genuine.", now);
            dispute.Escalate(buyer, "The seller will not discuss it.", now);
        });
        await AddAsync(Completed, "USB-C cable", 499, 0, now, o =>
        {
            o.Ship(seller, "China Post", "RB555555555CN", now);
            o.ConfirmReceipt(buyer, now);
        });
        return true;
    }

    private async Task AddAsync(string id, string title, long price, long shipping, DateTimeOffset now, Action<Order> story)
    {
        var order = Order.Create(
            Actor.Platform,
            new NewOrder(id, "demo_buyer", "demo_seller", "USD", [new NewLine("l1", title, 1, price, shipping)], new Payment("card", $"pay_{id}"), "standard"),
            policy,
            now).Value!;
        story(order);
        await orders.InsertAsync(order, partiesStand: false);
    }
}
