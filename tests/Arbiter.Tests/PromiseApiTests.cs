using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>The seller's promises through the API, as API.md's additions name them: offers, statuses, deadlines and the clock.</summary>
public abstract class PromiseApiTests(Backend backend) : MarketplaceTest(backend)
{
    private async Task<string> NotReceivedAsync(string orderId) =>
        Text(await Market.DisputeAsync(orderId, received: false, reason: "not_received_in_transit"), "id");

    private async Task<JsonNode> OfferAsync(string disputeId, object body) =>
        await Expect(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{disputeId}/offers", body), HttpStatusCode.Created);

    [Fact]
    public async Task A_wait_the_buyer_accepts_holds_the_dispute_open_moves_protection_and_ends_by_itself()
    {
        var id = await NotReceivedAsync("o1");
        var offer = await OfferAsync(id, new { type = "wait_for_delivery", days = 10, note = "It is on the way." });
        Assert.Equal(("wait_for_delivery", "10", "0"), (Text(offer, "type"), Text(offer, "days"), Text(offer, "amount")));

        var waiting = await PostOk(Market.Buyer, $"/api/v1/disputes/{id}/offers/{Text(offer, "id")}/accept", new { });

        Assert.Equal("waiting_for_delivery", Text(waiting, "status"));
        Assert.Equal("wait_ends", Text(waiting, "deadline.kind"));
        Assert.Equal("true", Text(waiting, "promise.running"));
        Assert.Null(waiting["outcome"]);
        Assert.Contains("resume", waiting["allowedActions"]!.AsArray().Select(a => a!.ToString()));
        var order = await GetAsync(Market.Buyer, "/api/v1/orders/o1");
        Assert.Contains("confirm_receipt", order["allowedActions"]!.AsArray().Select(a => a!.ToString()));
        Assert.True(DateTime.Parse(Text(order, "protectionEndsAt"), System.Globalization.CultureInfo.InvariantCulture) >= DateTime.Parse(Text(waiting, "promise.dueAt"), System.Globalization.CultureInfo.InvariantCulture).AddDays(5));

        await Market.AdvanceAsync(days: 11);

        var resumed = await GetAsync(Market.Buyer, $"/api/v1/disputes/{id}");
        Assert.Equal("negotiating", Text(resumed, "status"));
        Assert.Equal("false", Text(resumed, "promise.running"));
        Assert.Contains(resumed["history"]!.AsArray(), h => Text(h!, "action") == "wait_ended");
    }

    [Fact]
    public async Task The_buyer_stops_waiting_or_confirms_receipt_and_the_parcel_ends_the_dispute()
    {
        var first = await NotReceivedAsync("o1");
        await PostOk(Market.Buyer, $"/api/v1/disputes/{first}/offers/{Text((await OfferAsync(first, new { type = "wait_for_delivery", days = 7 })), "id")}/accept");
        Assert.Equal("negotiating", Text(await PostOk(Market.Buyer, $"/api/v1/disputes/{first}/resume"), "status"));
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"/api/v1/disputes/{first}/resume", new { }), HttpStatusCode.Conflict, "invalid_state");

        var second = await NotReceivedAsync("o2");
        await PostOk(Market.Buyer, $"/api/v1/disputes/{second}/offers/{Text((await OfferAsync(second, new { type = "wait_for_delivery", days = 7 })), "id")}/accept");
        Assert.Equal("completed", Text(await PostOk(Market.Buyer, "/api/v1/orders/o2/confirm-receipt"), "status"));
        Assert.Equal("cancelled", Text(await GetAsync(Market.Buyer, $"/api/v1/disputes/{second}"), "status"));
    }

    [Fact]
    public async Task A_promise_is_refused_in_the_words_of_the_contract_when_it_cannot_be_one()
    {
        var notReceived = await NotReceivedAsync("o1");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{notReceived}/offers", new { type = "wait_for_delivery", days = 31 }), HttpStatusCode.UnprocessableEntity, "invalid_days");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{notReceived}/offers", new { type = "wait_for_delivery" }), HttpStatusCode.UnprocessableEntity, "invalid_days");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{notReceived}/offers", new { type = "replacement", amount = 100 }), HttpStatusCode.UnprocessableEntity, "invalid_amount");

        var received = Text(await Market.DisputeAsync("o2"), "id");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{received}/offers", new { type = "wait_for_delivery", days = 5 }), HttpStatusCode.UnprocessableEntity, "invalid_offer_type");
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"/api/v1/disputes/{received}/replacement-received", new { }), HttpStatusCode.Conflict, "invalid_state");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{received}/replacement-shipment", new { carrier = "DHL", trackingNumber = "1" }), HttpStatusCode.Conflict, "invalid_state");
    }

    [Fact]
    public async Task A_replacement_shipped_and_received_keeps_the_promise_and_pays_the_seller()
    {
        var id = Text(await Market.DisputeAsync("o1", reason: "damaged"), "id");
        await PostOk(Market.Buyer, $"/api/v1/disputes/{id}/offers/{Text((await OfferAsync(id, new { type = "replacement", note = "A new one is coming." })), "id")}/accept");
        Assert.Equal("replacement_shipment", Text(await GetAsync(Market.Seller, $"/api/v1/disputes/{id}"), "deadline.kind"));
        await ExpectProblem(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{id}/replacement-shipment", new { carrier = "DHL" }), HttpStatusCode.UnprocessableEntity, "tracking_required");

        var shipped = await PostOk(Market.Seller, $"/api/v1/disputes/{id}/replacement-shipment", new { carrier = "DHL", trackingNumber = "JD0002" });
        Assert.Equal(("awaiting_replacement_receipt", "DHL", "JD0002"), (Text(shipped, "status"), Text(shipped, "promise.carrier"), Text(shipped, "promise.trackingNumber")));

        var resolved = await PostOk(Market.Buyer, $"/api/v1/disputes/{id}/replacement-received");

        Assert.Equal(("resolved", "replacement_received", "0"), (Text(resolved, "status"), Text(resolved, "outcome.decidedBy"), Text(resolved, "outcome.refundAmount")));
        Assert.Equal("completed", Text(await GetAsync(Market.Buyer, "/api/v1/orders/o1"), "status"));
    }

    [Fact]
    public async Task A_replacement_with_a_problem_goes_to_a_mediator_and_one_never_shipped_refunds_the_claim()
    {
        var problem = Text(await Market.DisputeAsync("o1", reason: "damaged"), "id");
        await PostOk(Market.Buyer, $"/api/v1/disputes/{problem}/offers/{Text((await OfferAsync(problem, new { type = "replacement" })), "id")}/accept");
        await PostOk(Market.Seller, $"/api/v1/disputes/{problem}/replacement-shipment", new { carrier = "DHL", trackingNumber = "JD0003" });
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"/api/v1/disputes/{problem}/replacement-problem", new { }), HttpStatusCode.UnprocessableEntity, "text_required");
        Assert.Equal("escalated", Text(await PostOk(Market.Buyer, $"/api/v1/disputes/{problem}/replacement-problem", new { note = "Cracked too." }), "status"));

        var broken = Text(await Market.DisputeAsync("o2", reason: "damaged"), "id");
        await PostOk(Market.Buyer, $"/api/v1/disputes/{broken}/offers/{Text((await OfferAsync(broken, new { type = "replacement" })), "id")}/accept");
        await Market.AdvanceAsync(days: 6);

        var lapsed = await GetAsync(Market.Buyer, $"/api/v1/disputes/{broken}");
        Assert.Equal(("resolved", "replacement_not_shipped"), (Text(lapsed, "status"), Text(lapsed, "outcome.decidedBy")));
        Assert.Single(lapsed["refunds"]!.AsArray());
        var events = (await GetAsync(Market.Platform, "/api/v1/events?orderId=o2")).AsArray().Select(e => Text(e!, "type")).ToList();
        Assert.Contains("dispute.replacement_due_soon", events);
        Assert.Contains("dispute.replacement_not_shipped", events);
    }
}

public sealed class PromiseApiTestsOnSqlite() : PromiseApiTests(Backend.Sqlite);

public sealed class PromiseApiTestsOnPostgres() : PromiseApiTests(Backend.Postgres);
