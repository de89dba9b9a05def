using System.Net;
using System.Net.Http.Json;
using System.Text;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>Bad input and wrong state give problem details with a stable code, never a 500.</summary>
public abstract class ErrorCodeTests(Backend backend) : MarketplaceTest(backend)
{
    private static object Claim(string reason = "damaged", bool received = true, string type = "refund_only", long? amount = null, string? description = "Broken.") =>
        new { lineId = "l1", received, reason, solution = new { type, amount }, description };

    [Fact]
    public async Task Creating_accounts_and_orders_rejects_bad_input_with_codes()
    {
        var p = Market.Platform;
        await ExpectProblem(await p.PostAsJsonAsync("/api/v1/accounts", new { id = "b1", role = "buyer", displayName = "x" }), HttpStatusCode.Conflict, "account_exists");
        await ExpectProblem(await p.PostAsJsonAsync("/api/v1/accounts", new { id = "x", role = "king", displayName = "x" }), HttpStatusCode.UnprocessableEntity, "invalid_role");
        await ExpectProblem(await p.PostAsJsonAsync("/api/v1/accounts", new { id = "a b", role = "buyer", displayName = "x" }), HttpStatusCode.UnprocessableEntity, "invalid_id");
        await ExpectProblem(await p.PostAsync("/api/v1/orders", new StringContent("{nope", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "invalid_request");
        await ExpectProblem(await p.PostAsync("/api/v1/orders", new StringContent("""{"id":"o1","lines":[{"quantity":"many"}]}""", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "invalid_request");
        await ExpectProblem(await p.PostAsJsonAsync("/api/v1/orders", new { id = "o1", buyerId = "nobody", sellerId = "s1" }), HttpStatusCode.UnprocessableEntity, "unknown_buyer");
        await ExpectProblem(await p.PostAsJsonAsync("/api/v1/orders", new { id = "o1", buyerId = "b1", sellerId = "s1", currency = "usd", lines = Array.Empty<object>() }), HttpStatusCode.UnprocessableEntity, "invalid_currency");
        await ExpectProblem(await p.PostAsJsonAsync("/api/v1/orders", new { id = "o1", buyerId = "b1", sellerId = "s1", currency = "USD", lines = Array.Empty<object>() }), HttpStatusCode.UnprocessableEntity, "lines_required");
        await ExpectProblem(await p.PostAsJsonAsync("/api/v1/orders", new { id = "o1", buyerId = "b1", sellerId = "s1", currency = "USD", lines = new[] { new { id = "l1", title = "t", quantity = 0, unitPrice = 1, shipping = 0 } } }), HttpStatusCode.UnprocessableEntity, "invalid_line");
        await ExpectProblem(await p.PostAsJsonAsync("/api/v1/orders", new { id = "o1", buyerId = "b1", sellerId = "s1", currency = "USD", lines = new[] { new { id = "l1", title = "t", quantity = 1, unitPrice = 1, shipping = 0 } } }), HttpStatusCode.UnprocessableEntity, "payment_required");
        await ExpectProblem(await p.PostAsJsonAsync("/api/v1/orders", Arbiter.Testing.SampleOrders.OneLine("o9", returnAddress: new string('x', 1001))), HttpStatusCode.UnprocessableEntity, "invalid_return_address");
        // Ten lines each within a line's limits cost more than a 64-bit integer holds: refused, not an overflow.
        var dearest = Enumerable.Range(1, 10).Select(i => new { id = $"l{i}", title = "t", quantity = 1_000_000, unitPrice = 1_000_000_000_000, shipping = 1_000_000_000_000 }).ToArray();
        await ExpectProblem(await p.PostAsJsonAsync("/api/v1/orders", new { id = "o1", buyerId = "b1", sellerId = "s1", currency = "USD", lines = dearest, payment = new { method = "card", reference = "r" } }), HttpStatusCode.UnprocessableEntity, "invalid_total");
        await Market.CreateOrderAsync("o1");
        await ExpectProblem(await p.PostAsJsonAsync("/api/v1/orders", new { id = "o1", buyerId = "b1", sellerId = "s1", currency = "USD", lines = new[] { new { id = "l1", title = "t", quantity = 1, unitPrice = 1, shipping = 0 } }, payment = new { method = "card", reference = "r" } }), HttpStatusCode.Conflict, "order_exists");
        await ExpectProblem(await p.PostAsync("/api/v1/orders", new StringContent(new string('x', 100_000), Encoding.UTF8, "application/json")), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Order_commands_in_the_wrong_state_or_with_bad_input_give_codes()
    {
        await Market.CreateOrderAsync("o1");
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/disputes", Claim()), HttpStatusCode.Conflict, "order_not_shipped");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync("/api/v1/orders/o1/shipment", new { carrier = "DHL" }), HttpStatusCode.UnprocessableEntity, "tracking_required");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync("/api/v1/orders/o1/processing-extensions", new { days = 31 }), HttpStatusCode.UnprocessableEntity, "extension_exceeds_maximum");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync("/api/v1/orders/o1/processing-extensions", new { days = 0 }), HttpStatusCode.UnprocessableEntity, "invalid_days");
        await ExpectProblem(await Market.Buyer.PostAsync("/api/v1/orders/o1/confirm-receipt", null), HttpStatusCode.Conflict, "invalid_state");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/orders/o1/delivery", new { }), HttpStatusCode.Conflict, "order_not_shipped");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync("/api/v1/orders/o1/protection-extensions", new { days = 5 }), HttpStatusCode.Conflict, "invalid_state");

        await PostOk(Market.Seller, "/api/v1/orders/o1/shipment", new { carrier = "DHL", trackingNumber = "1" });
        await ExpectProblem(await Market.Buyer.PostAsync("/api/v1/orders/o1/cancel", null), HttpStatusCode.Conflict, "already_shipped");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/orders/o1/delivery", new { deliveredAt = "2030-01-01T00:00:00Z" }), HttpStatusCode.UnprocessableEntity, "delivered_in_future");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync("/api/v1/orders/o1/protection-extensions", new { days = 61 }), HttpStatusCode.UnprocessableEntity, "extension_exceeds_maximum");
        await ExpectProblem(await Market.Buyer.GetAsync("/api/v1/orders/nope"), HttpStatusCode.NotFound, "not_found");
        await ExpectProblem(await Market.Buyer.GetAsync("/api/v1/disputes/garbage"), HttpStatusCode.NotFound, "not_found");

        await Market.AdvanceAsync(days: 60);
        await ExpectProblem(await Market.Seller.PostAsJsonAsync("/api/v1/orders/o1/protection-extensions", new { days = 5 }), HttpStatusCode.Conflict, "invalid_state");
    }

    [Fact]
    public async Task Opening_a_dispute_checks_the_taxonomy_amounts_and_protection()
    {
        await Market.ShippedOrderAsync("o1");
        var b = Market.Buyer;
        await ExpectProblem(await b.PostAsJsonAsync("/api/v1/orders/o1/disputes", Claim(reason: "not_received_in_transit")), HttpStatusCode.UnprocessableEntity, "invalid_reason");
        await ExpectProblem(await b.PostAsJsonAsync("/api/v1/orders/o1/disputes", Claim(amount: 2300)), HttpStatusCode.UnprocessableEntity, "amount_exceeds_line_total");
        await ExpectProblem(await b.PostAsJsonAsync("/api/v1/orders/o1/disputes", Claim(amount: 0)), HttpStatusCode.UnprocessableEntity, "invalid_amount");
        await ExpectProblem(await b.PostAsJsonAsync("/api/v1/orders/o1/disputes", Claim(reason: "not_received_customs", received: false, amount: 100)), HttpStatusCode.UnprocessableEntity, "not_received_requires_full_refund");
        await ExpectProblem(await b.PostAsJsonAsync("/api/v1/orders/o1/disputes", Claim(reason: "found_cheaper")), HttpStatusCode.UnprocessableEntity, "return_required");
        await ExpectProblem(await b.PostAsJsonAsync("/api/v1/orders/o1/disputes", Claim(description: " ")), HttpStatusCode.UnprocessableEntity, "description_required");
        await ExpectProblem(await b.PostAsJsonAsync("/api/v1/orders/o1/disputes", Claim(type: "bogus")), HttpStatusCode.BadRequest, "invalid_request");
        await ExpectProblem(await b.PostAsJsonAsync("/api/v1/orders/o1/disputes", new { lineId = "l9", received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "x" }), HttpStatusCode.UnprocessableEntity, "unknown_line");
        await ExpectProblem(await b.PostAsJsonAsync("/api/v1/orders/o1/disputes", new { lineId = "l1", received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "x", evidenceIds = new[] { "o1-e9" } }), HttpStatusCode.UnprocessableEntity, "unknown_evidence");

        await Expect(await b.PostAsJsonAsync("/api/v1/orders/o1/disputes", Claim()), HttpStatusCode.Created);
        await ExpectProblem(await b.PostAsJsonAsync("/api/v1/orders/o1/disputes", Claim()), HttpStatusCode.Conflict, "dispute_already_open");
        await ExpectProblem(await b.PostAsync("/api/v1/orders/o1/confirm-receipt", null), HttpStatusCode.Conflict, "dispute_open");

        await Market.ShippedOrderAsync("o2");
        await Market.AdvanceAsync(days: 60 + 15);
        await ExpectProblem(await b.PostAsJsonAsync("/api/v1/orders/o2/disputes", Claim()), HttpStatusCode.Conflict, "protection_expired");
    }

    [Fact]
    public async Task Dispute_commands_in_the_wrong_state_give_codes()
    {
        var id = Text(await Market.DisputeAsync("o1"), "id");
        var path = $"/api/v1/disputes/{id}";
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"{path}/escalate", new { }), HttpStatusCode.Conflict, "seller_has_not_responded");
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"{path}/offers/of1/accept", new { }), HttpStatusCode.NotFound, "offer_not_found");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync($"{path}/offers", new { type = "refund_only", amount = 99_999 }), HttpStatusCode.UnprocessableEntity, "amount_exceeds_line_total");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync($"{path}/offers", new { amount = 5 }), HttpStatusCode.UnprocessableEntity, "invalid_offer_type");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync($"{path}/offers", new { type = "no_refund", amount = 5 }), HttpStatusCode.UnprocessableEntity, "invalid_amount");
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"{path}/messages", new { text = "" }), HttpStatusCode.UnprocessableEntity, "text_required");
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"{path}/return-shipment", new { carrier = "x", trackingNumber = "y" }), HttpStatusCode.Conflict, "invalid_state");
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"{path}/appeal", new { reason = "x" }), HttpStatusCode.Conflict, "invalid_state");

        var offer = await Expect(await Market.Seller.PostAsJsonAsync($"{path}/offers", new { type = "no_refund", note = "The parcel is coming" }), HttpStatusCode.Created);
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"{path}/offers/{offer["id"]}/accept", new { }), HttpStatusCode.UnprocessableEntity, "confirmation_required");
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"{path}/offers/{offer["id"]}/accept", new { confirm = false }), HttpStatusCode.UnprocessableEntity, "confirmation_required");
        await PostOk(Market.Buyer, $"{path}/offers/{offer["id"]}/decline");
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"{path}/offers/{offer["id"]}/decline", new { }), HttpStatusCode.Conflict, "no_pending_offer");

        await PostOk(Market.Buyer, $"{path}/escalate", new { note = "help" });
        await ExpectProblem(await Market.Mediator.PostAsJsonAsync($"{path}/decision", new { outcome = "partial_refund", note = "x" }), HttpStatusCode.UnprocessableEntity, "invalid_amount");
        await ExpectProblem(await Market.Mediator.PostAsJsonAsync($"{path}/decision", new { outcome = "no_refund" }), HttpStatusCode.UnprocessableEntity, "note_required");
        await ExpectProblem(await Market.Mediator.PostAsJsonAsync($"{path}/info-requests", new { from = "everyone", question = "?" }), HttpStatusCode.UnprocessableEntity, "invalid_party");
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"{path}/info-requests/ir1/answer", new { text = "x" }), HttpStatusCode.NotFound, "info_request_not_found");
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"{path}/cancel", new { }), HttpStatusCode.UnprocessableEntity, "confirmation_required");

        await PostOk(Market.Mediator, $"{path}/decision", new { outcome = "no_refund", note = "Item is as described." });
        await PostOk(Market.Buyer, $"{path}/appeal", new { reason = "Please look again." });
        await PostOk(Market.Mediator, $"{path}/decision", new { outcome = "no_refund", note = "Confirmed." });
        await ExpectProblem(await Market.Seller.PostAsJsonAsync($"{path}/appeal", new { reason = "x" }), HttpStatusCode.Conflict, "not_appealable");
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/disputes", Claim()), HttpStatusCode.Conflict, "dispute_not_reopenable");
    }

    [Fact]
    public async Task Cancelling_close_to_the_end_of_protection_needs_confirmation()
    {
        await Market.ShippedOrderAsync("o1");
        await Market.AdvanceAsync(days: 56);
        var id = Text(await Expect(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/disputes", Claim()), HttpStatusCode.Created), "id");

        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"/api/v1/disputes/{id}/cancel", new { }), HttpStatusCode.UnprocessableEntity, "confirmation_required");
        Assert.Equal("cancelled", Text(await PostOk(Market.Buyer, $"/api/v1/disputes/{id}/cancel", new { confirm = true }), "status"));
    }

    [Fact]
    public async Task The_clock_routes_refuse_bad_durations()
    {
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/clock/advance", new { days = -1 }), HttpStatusCode.UnprocessableEntity, "invalid_duration");
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync("/api/v1/clock/advance", new { days = 1 }), HttpStatusCode.Forbidden, "action_not_allowed_for_role");
    }
}

public sealed class ErrorCodeTestsOnSqlite() : ErrorCodeTests(Backend.Sqlite);

public sealed class ErrorCodeTestsOnPostgres() : ErrorCodeTests(Backend.Postgres);
