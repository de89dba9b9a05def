using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>
/// A node hands the next command on an order the very object its last command saved, instead of
/// reading it again: that object must be the order a read would give, and no command may change it
/// while the one before is still answering from it.
/// </summary>
public abstract class RecentOrdersTests(Backend backend) : MarketplaceTest(backend)
{
    private static readonly OrderId OrderId = OrderId.Parse("o1")!.Value;

    private RecentOrders Recent => Host.Services.GetRequiredService<RecentOrders>();

    [Fact]
    public async Task The_order_a_node_remembers_is_the_order_it_would_read()
    {
        await Market.CreateOrderAsync("o1");
        await AssertRememberedAsReadAsync();
        await PostOk(Market.Seller, "/api/v1/orders/o1/shipment", new { carrier = "DHL", trackingNumber = "1" });
        await AssertRememberedAsReadAsync();
        var dispute = Text(await Expect(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/disputes", new
        {
            lineId = "l1", received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "Cracked.",
        }), HttpStatusCode.Created), "id");
        await AssertRememberedAsReadAsync();
        await Expect(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{dispute}/messages", new { text = "Sorry to hear it." }), HttpStatusCode.Created);
        await AssertRememberedAsReadAsync();
        await Expect(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{dispute}/offers", new { type = "refund_only", amount = 1000 }), HttpStatusCode.Created);
        await AssertRememberedAsReadAsync();
        await PostOk(Market.Buyer, $"/api/v1/disputes/{dispute}/offers/of1/accept", new { });
        await AssertRememberedAsReadAsync();
        await PostOk(Market.Platform, "/api/v1/refunds/o1-r1/completed", new { reference = "re_1" });
        await AssertRememberedAsReadAsync();
    }

    [Fact]
    public async Task A_command_never_changes_the_order_the_one_before_is_still_answering_from()
    {
        await Market.ShippedOrderAsync("o1");
        var commands = Host.Services.GetRequiredService<OrderCommands>();
        var buyer = new Actor(Role.Buyer, "b1");

        // While the delivery's answer is made, the buyer confirms receipt on this node.
        CommandResult<bool> confirmed = default;
        var delivered = await commands.RunAsync(
            OrderId,
            _ => true,
            (order, now) => order.RecordDelivery(Actor.Platform, null, now).Done(),
            (_, order) =>
            {
                confirmed = commands.RunAsync(OrderId, _ => true, (o, now) => o.ConfirmReceipt(buyer, now).Done()).GetAwaiter().GetResult();
                return order.Status;
            },
            ct: TestContext.Current.CancellationToken);

        Assert.Null(confirmed.Error);
        Assert.Equal(OrderStatus.AwaitingConfirmation, delivered.Value);

        // What the node remembers is the later order, not the one the slower answer was made from.
        Assert.Equal(OrderStatus.Completed, Recent.Recall(OrderId)?.Order.Status);
        Assert.Equal("completed", Text(await GetAsync(Market.Buyer, "/api/v1/orders/o1"), "status"));
    }

    /// <summary>Takes the remembered order, compares it with a fresh read, and gives it back.</summary>
    private async Task AssertRememberedAsReadAsync()
    {
        var remembered = Recent.Recall(OrderId);
        Assert.NotNull(remembered);
        var read = await Host.Services.GetRequiredService<OrderStore>().LoadAsync(OrderId, TestContext.Current.CancellationToken);
        Assert.NotNull(read);

        Assert.Equal(read.Version, remembered.Version);
        Assert.Equal(JsonSerializer.Serialize(read.Order, Json.Storage), JsonSerializer.Serialize(remembered.Order, Json.Storage));
        Assert.Equal(JsonSerializer.Serialize(read.Order.Policy, Json.Storage), JsonSerializer.Serialize(remembered.Order.Policy, Json.Storage));
        Assert.Equal(JsonSerializer.Serialize(read.Order.Ledger.Postings), JsonSerializer.Serialize(remembered.Order.Ledger.Postings));
        Assert.Empty(remembered.Order.NewEvents);
        Assert.Empty(remembered.Order.Ledger.NewPostings);
        Assert.True(read.Stored.Deadlines.SetEquals(remembered.Stored.Deadlines));
        Assert.True(read.Stored.Disputes.SetEquals(remembered.Stored.Disputes));
        Assert.True(read.Stored.Refunds.SetEquals(remembered.Stored.Refunds));
        Assert.True(read.Stored.Chargebacks.SetEquals(remembered.Stored.Chargebacks));
        Assert.True(remembered.PolicyStored);

        Recent.Remember([new SavedOrder(remembered.Order, remembered.Version, remembered.Stored)]);
    }
}

public sealed class RecentOrdersTestsOnSqlite() : RecentOrdersTests(Backend.Sqlite);

public sealed class RecentOrdersTestsOnPostgres() : RecentOrdersTests(Backend.Postgres);
