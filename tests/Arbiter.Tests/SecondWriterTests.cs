using System.Net;
using System.Net.Http.Json;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>
/// A node decides a command on the order as it last saved it when it can; when another process has
/// changed the order since, the command must still be decided on what that process saved.
/// </summary>
public abstract class SecondWriterTests(Backend backend) : MarketplaceTest(backend)
{
    [Fact]
    public async Task A_node_acts_on_what_another_process_saved_since_it_last_saved_the_order()
    {
        var first = Text(await Market.DisputeAsync("o1"), "id");
        await using var other = await ArbiterHost.StartAsync(Host.Storage);
        var elsewhere = Market.Reconnect(other);

        // Elsewhere the buyer cancels: this node's remembered order still has the dispute open.
        await PostOk(elsewhere.Buyer, $"/api/v1/disputes/{first}/cancel", new { });
        await ExpectProblem(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{first}/offers", new { type = "refund_only", amount = 500 }), HttpStatusCode.Conflict, "invalid_state");

        // Elsewhere the buyer opens a second dispute: this node never saw it, and must find it.
        var second = Text(await Expect(await elsewhere.Buyer.PostAsJsonAsync("/api/v1/orders/o1/disputes", new
        {
            lineId = "l1", received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "Cracked.",
        }), HttpStatusCode.Created), "id");
        var offer = await Expect(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{second}/offers", new { type = "refund_only", amount = 500 }), HttpStatusCode.Created);
        Assert.Equal("pending", Text(offer, "status"));
    }
}

public sealed class SecondWriterTestsOnSqlite() : SecondWriterTests(Backend.Sqlite);

public sealed class SecondWriterTestsOnPostgres() : SecondWriterTests(Backend.Postgres);
