using System.Net;
using System.Net.Http.Json;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>Asking for more time through the API, as API.md's additions name it: the buyer's protection, the seller's processing time.</summary>
public abstract class ExtensionRequestApiTests(Backend backend) : MarketplaceTest(backend)
{
    [Fact]
    public async Task The_buyer_asks_for_more_protection_and_the_sellers_yes_moves_it()
    {
        await Market.ShippedOrderAsync("o1");
        var shipped = await GetAsync(Market.Buyer, "/api/v1/orders/o1");
        Assert.Contains("request_protection_extension", shipped["allowedActions"]!.AsArray().Select(a => a!.ToString()));

        var request = await Expect(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/protection-extension-requests", new { days = 10, reason = "Slow post." }), HttpStatusCode.Created);

        Assert.Equal(("er1", "protection", "10", "pending"), (Text(request, "id"), Text(request, "kind"), Text(request, "days"), Text(request, "status")));
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/protection-extension-requests", new { days = 5 }), HttpStatusCode.Conflict, "extension_request_pending");
        var listed = (await GetAsync(Market.Seller, "/api/v1/orders/o1"))["extensionRequests"]!.AsArray().Single()!;
        Assert.Equal(("er1", "protection", "pending"), (Text(listed, "id"), Text(listed, "kind"), Text(listed, "status")));

        var accepted = await PostOk(Market.Seller, "/api/v1/orders/o1/protection-extension-requests/er1/accept");

        Assert.Equal(DateTime.Parse(Text(shipped, "protectionEndsAt"), System.Globalization.CultureInfo.InvariantCulture).AddDays(10), DateTime.Parse(Text(accepted, "protectionEndsAt"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("accepted", Text(accepted["extensionRequests"]![0]!, "status"));
        await ExpectProblem(await Market.Seller.PostAsJsonAsync("/api/v1/orders/o1/protection-extension-requests/er1/decline", new { }), HttpStatusCode.Conflict, "extension_request_not_pending");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync("/api/v1/orders/o1/protection-extension-requests/er9/accept", new { }), HttpStatusCode.NotFound, "extension_request_not_found");
    }

    [Fact]
    public async Task An_unanswered_request_expires_by_the_clock_and_changes_nothing()
    {
        var shipped = await Market.ShippedOrderAsync("o1");
        await Expect(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/protection-extension-requests", new { days = 10 }), HttpStatusCode.Created);

        await Market.AdvanceAsync(days: 4);

        var order = await GetAsync(Market.Buyer, "/api/v1/orders/o1");
        Assert.Equal("expired", Text(order["extensionRequests"]![0]!, "status"));
        Assert.Equal(Text(shipped, "protectionEndsAt"), Text(order, "protectionEndsAt"));
        var events = (await GetAsync(Market.Platform, "/api/v1/events?orderId=o1")).AsArray().Select(e => Text(e!, "type")).ToList();
        Assert.Contains("order.extension_requested", events);
        Assert.Contains("order.extension_request_due_soon", events);
        Assert.Contains("order.extension_request_expired", events);
    }

    [Fact]
    public async Task The_sellers_processing_extension_waits_for_the_buyer_and_the_platforms_applies_at_once()
    {
        var created = await Market.CreateOrderAsync("o1");
        var deadline = DateTime.Parse(Text(created, "processingDeadline"), System.Globalization.CultureInfo.InvariantCulture);

        var pending = await Expect(await Market.Seller.PostAsJsonAsync("/api/v1/orders/o1/processing-extensions", new { days = 3 }), HttpStatusCode.Accepted);

        Assert.Equal(("processing", "3", "pending"), (Text(pending, "kind"), Text(pending, "days"), Text(pending, "status")));
        Assert.Equal(Text(created, "processingDeadline"), Text(await GetAsync(Market.Buyer, "/api/v1/orders/o1"), "processingDeadline"));
        await ExpectProblem(await Market.Seller.PostAsJsonAsync($"/api/v1/orders/o1/processing-extensions/{Text(pending, "id")}/accept", new { }), HttpStatusCode.Forbidden, "action_not_allowed_for_role");

        var agreed = await PostOk(Market.Buyer, $"/api/v1/orders/o1/processing-extensions/{Text(pending, "id")}/accept");
        Assert.Equal(deadline.AddDays(3), DateTime.Parse(Text(agreed, "processingDeadline"), System.Globalization.CultureInfo.InvariantCulture));

        var direct = await PostOk(Market.Platform, "/api/v1/orders/o1/processing-extensions", new { days = 2 });
        Assert.Equal(deadline.AddDays(5), DateTime.Parse(Text(direct, "processingDeadline"), System.Globalization.CultureInfo.InvariantCulture));

        await Expect(await Market.Seller.PostAsJsonAsync("/api/v1/orders/o1/processing-extensions", new { days = 1 }), HttpStatusCode.Accepted);
        Assert.Equal("declined", Text((await PostOk(Market.Buyer, "/api/v1/orders/o1/processing-extensions/er2/decline"))["extensionRequests"]![1]!, "status"));
    }
}

public sealed class ExtensionRequestApiTestsOnSqlite() : ExtensionRequestApiTests(Backend.Sqlite);

public sealed class ExtensionRequestApiTestsOnPostgres() : ExtensionRequestApiTests(Backend.Postgres);
