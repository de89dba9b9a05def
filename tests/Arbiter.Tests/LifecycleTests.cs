using System.Net;
using System.Net.Http.Json;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>The happy paths through the real HTTP pipeline on a real SQLite file.</summary>
public abstract class LifecycleTests(Backend backend) : MarketplaceTest(backend)
{
    [Fact]
    public async Task Paying_shipping_and_confirming_receipt_releases_the_money_to_the_seller()
    {
        var created = await Market.CreateOrderAsync("o1");
        Assert.Equal("awaiting_shipment", Text(created, "status"));
        Assert.Equal("2299", Text(created, "escrow.held"));
        Assert.Equal("2026-03-09T09:00:00Z", Text(created, "processingDeadline"));

        var shipped = await PostOk(Market.Seller, "/api/v1/orders/o1/shipment", new { carrier = "China Post", trackingNumber = "RB1" });
        Assert.Equal("awaiting_confirmation", Text(shipped, "status"));
        Assert.Equal("2026-05-01T09:00:00Z", Text(shipped, "protectionEndsAt"));

        await PostOk(Market.Platform, "/api/v1/orders/o1/delivery", new { });
        var completed = await PostOk(Market.Buyer, "/api/v1/orders/o1/confirm-receipt");
        Assert.Equal("completed", Text(completed, "status"));
        Assert.Equal("0", Text(completed, "escrow.held"));
        Assert.Equal("2299", Text(completed, "escrow.released"));
    }

    [Theory]
    [InlineData("standard", "2026-05-01T09:00:00Z")]
    [InlineData("economy", "2026-05-16T09:00:00Z")]
    [InlineData("post", "2026-05-31T09:00:00Z")]
    public async Task Protection_length_follows_the_shipping_method(string method, string endsAt)
    {
        await Market.CreateOrderAsync("o1", shippingMethod: method);
        var shipped = await PostOk(Market.Seller, "/api/v1/orders/o1/shipment", new { carrier = "China Post", trackingNumber = "RB1" });
        Assert.Equal(endsAt, Text(shipped, "protectionEndsAt"));

        var extended = await PostOk(Market.Seller, "/api/v1/orders/o1/protection-extensions", new { days = 10 });
        Assert.Equal(DateTime.Parse(endsAt, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime().AddDays(10), extended["protectionEndsAt"]!.GetValue<DateTime>());
    }

    [Fact]
    public async Task An_order_not_shipped_within_processing_time_is_cancelled_and_refunded_when_the_clock_advances()
    {
        await Market.CreateOrderAsync("o1");
        await Market.AdvanceAsync(days: 7);

        var order = await GetAsync(Market.Buyer, "/api/v1/orders/o1");
        Assert.Equal("closed", Text(order, "status"));
        Assert.Equal("2299", Text(order, "escrow.refunded"));
        Assert.Equal("pending", Text(order["refunds"]![0]!, "status"));
    }

    [Fact]
    public async Task Protection_ending_without_a_dispute_confirms_receipt_automatically()
    {
        await Market.ShippedOrderAsync("o1");
        await Market.AdvanceAsync(days: 59);
        Assert.Equal("awaiting_confirmation", Text(await GetAsync(Market.Buyer, "/api/v1/orders/o1"), "status"));

        await Market.AdvanceAsync(days: 1);
        var order = await GetAsync(Market.Buyer, "/api/v1/orders/o1");
        Assert.Equal("completed", Text(order, "status"));
        Assert.Equal("2299", Text(order, "escrow.released"));
        Assert.Contains(order["history"]!.AsArray(), h => Text(h!, "action") == "protection_reminder");
    }

    [Fact]
    public async Task A_seller_offer_accepted_by_the_buyer_refunds_that_amount_and_pays_the_rest()
    {
        var dispute = await Market.DisputeAsync("o1");
        var id = Text(dispute, "id");
        var offer = await Expect(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{id}/offers", new { type = "refund_only", amount = 1000, note = "Half back" }), HttpStatusCode.Created);

        var accepted = await PostOk(Market.Buyer, $"/api/v1/disputes/{id}/offers/{Text(offer, "id")}/accept", new { });
        Assert.Equal("resolved", Text(accepted, "status"));
        Assert.Equal("buyer_accepted_offer", Text(accepted, "outcome.decidedBy"));

        var order = await GetAsync(Market.Buyer, "/api/v1/orders/o1");
        Assert.Equal("completed", Text(order, "status"));
        Assert.Equal("1000", Text(order, "escrow.refunded"));
        Assert.Equal("1299", Text(order, "escrow.released"));
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/disputes", new { lineId = "l1", received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "again" }), HttpStatusCode.Conflict, "dispute_not_reopenable");
    }

    [Fact]
    public async Task A_silent_seller_loses_when_the_response_deadline_passes()
    {
        var id = Text(await Market.DisputeAsync("o1"), "id");
        await Market.AdvanceAsync(days: 5);

        var dispute = await GetAsync(Market.Buyer, $"/api/v1/disputes/{id}");
        Assert.Equal("resolved", Text(dispute, "status"));
        Assert.Equal("seller_no_response", Text(dispute, "outcome.decidedBy"));
        Assert.Equal("2299", Text(await GetAsync(Market.Buyer, "/api/v1/orders/o1"), "escrow.refunded"));
    }

    [Fact]
    public async Task Cancelling_a_dispute_lets_the_buyer_open_a_new_one_while_protection_runs()
    {
        var id = Text(await Market.DisputeAsync("o1"), "id");
        var cancelled = await PostOk(Market.Buyer, $"/api/v1/disputes/{id}/cancel", new { });
        Assert.Equal("cancelled", Text(cancelled, "status"));

        var reopened = await Expect(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/disputes", new
        {
            lineId = "l1", received = true, reason = "damaged", solution = new { type = "refund_only", amount = 500 }, description = "Cracked screen.",
        }), HttpStatusCode.Created);
        Assert.Equal("awaiting_seller_response", Text(reopened, "status"));
        Assert.Equal("0", Text(await GetAsync(Market.Buyer, "/api/v1/orders/o1"), "escrow.released"));
    }

    [Fact]
    public async Task A_mediator_asks_decides_and_the_refund_moves_when_the_appeal_window_closes()
    {
        var id = Text(await Market.DisputeAsync("o1"), "id");
        await PostOk(Market.Seller, $"/api/v1/disputes/{id}/reject", new { note = "Works for me" });
        var escalated = await PostOk(Market.Buyer, $"/api/v1/disputes/{id}/escalate", new { note = "Please help" });
        Assert.Equal("under_review", Text(escalated, "escalation.status"));

        var queue = await GetAsync(Market.Mediator, "/api/v1/disputes?status=escalated");
        Assert.Single(queue.AsArray());

        var request = await Expect(await Market.Mediator.PostAsJsonAsync($"/api/v1/disputes/{id}/info-requests", new { from = "seller", question = "Send a video of it working." }), HttpStatusCode.Created);
        Assert.Equal("2026-03-11T09:00:00Z", Text(request, "dueAt"));
        Assert.Equal("waiting_for_seller", Text(await GetAsync(Market.Mediator, $"/api/v1/disputes/{id}"), "escalation.status"));
        await PostOk(Market.Seller, $"/api/v1/disputes/{id}/info-requests/{Text(request, "id")}/answer", new { text = "I have no video." });

        var decided = await PostOk(Market.Mediator, $"/api/v1/disputes/{id}/decision", new { outcome = "partial_refund", amount = 1500, note = "Partly defective." });
        Assert.Equal("mediator", Text(decided, "outcome.decidedBy"));
        Assert.Equal("0", Text(await GetAsync(Market.Buyer, "/api/v1/orders/o1"), "escrow.refunded"));

        await Market.AdvanceAsync(days: 7);
        var order = await GetAsync(Market.Buyer, "/api/v1/orders/o1");
        Assert.Equal("1500", Text(order, "escrow.refunded"));
        Assert.Equal("799", Text(order, "escrow.released"));
    }

    [Fact]
    public async Task A_return_and_refund_claim_goes_through_return_shipment_and_receipt()
    {
        var id = Text(await Market.DisputeAsync("o1", reason: "wrong_color_or_size", solution: "return_and_refund"), "id");
        var accepted = await PostOk(Market.Seller, $"/api/v1/disputes/{id}/accept-claim");
        Assert.Equal("awaiting_return", Text(accepted, "status"));
        Assert.Equal("return_shipment", Text(accepted, "deadline.kind"));

        var shipped = await PostOk(Market.Buyer, $"/api/v1/disputes/{id}/return-shipment", new { carrier = "DHL", trackingNumber = "JD1" });
        Assert.Equal("awaiting_return_receipt", Text(shipped, "status"));
        await PostOk(Market.Platform, $"/api/v1/disputes/{id}/return-delivery", new { });
        Assert.Equal("2026-03-12T09:00:00Z", Text(await GetAsync(Market.Seller, $"/api/v1/disputes/{id}"), "deadline.dueAt"));

        var received = await PostOk(Market.Seller, $"/api/v1/disputes/{id}/return-received");
        Assert.Equal("resolved", Text(received, "status"));
        var order = await GetAsync(Market.Buyer, "/api/v1/orders/o1");
        Assert.Equal("2299", Text(order, "escrow.refunded"));
        Assert.Equal("closed", Text(order, "status"));
    }

    [Fact]
    public async Task The_dispute_list_pages_earliest_deadline_first()
    {
        foreach (var order in new[] { "o1", "o2", "o3" })
        {
            await Market.DisputeAsync(order);
            await Market.AdvanceAsync(hours: 1);
        }

        var first = (await GetAsync(Market.Seller, "/api/v1/disputes?limit=2")).AsArray();
        var rest = (await GetAsync(Market.Seller, "/api/v1/disputes?limit=2&offset=2")).AsArray();

        Assert.Equal(["o1-d1", "o2-d1", "o3-d1"], first.Concat(rest).Select(d => Text(d!, "id")));
        await ExpectProblem(await Market.Seller.GetAsync("/api/v1/disputes?limit=0"), HttpStatusCode.BadRequest, "invalid_paging");
    }

    [Fact]
    public async Task The_history_lists_every_action_in_order_with_its_actor()
    {
        var id = Text(await Market.DisputeAsync("o1"), "id");
        await PostOk(Market.Seller, $"/api/v1/disputes/{id}/reject", new { note = "No" });
        await Market.AdvanceAsync(days: 7);

        var history = (await GetAsync(Market.Buyer, $"/api/v1/disputes/{id}"))["history"]!.AsArray();
        Assert.Equal(["opened", "rejected", "escalated", "assigned"], history.Select(h => Text(h!, "action")));
        Assert.Equal(["buyer:b1", "seller:s1", "clock", "clock"], history.Select(h => Text(h!, "actor")));
        Assert.Equal("2026-03-09T09:00:00Z", Text(history[2]!, "at"));
    }
}

public sealed class LifecycleTestsOnSqlite() : LifecycleTests(Backend.Sqlite);

public sealed class LifecycleTestsOnPostgres() : LifecycleTests(Backend.Postgres);
