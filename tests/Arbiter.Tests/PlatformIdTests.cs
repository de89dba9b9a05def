using System.Net;
using System.Net.Http.Json;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>Ids as real marketplaces have them (UUIDs, prefixed ids with - . :, 128 characters), through the API and the pages.</summary>
public abstract class PlatformIdTests(Backend backend) : MarketplaceTest(backend)
{
    public static readonly TheoryData<string, string, string, string> Ids = new()
    {
        { "3f2b8c1e-9d4a-4e5b-8f00-1a2b3c4d5e6f", "0c9e1f7a-2b3c-4d5e-8f90-a1b2c3d4e5f6", "ord-2026-000123", "7d7f6a2e-1111-4c3b-9a7e-5f4e3d2c1b0a" },
        { "usr:42", "shop.eu:seller-7", "order:2026.12.01-0001", "line.1" },
        { new string('b', 128), new string('s', 128), new string('o', 128), new string('l', 128) },
        { "b-d1", "s-r1", "o-d1", "l-e1" },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task A_marketplaces_own_ids_go_through_a_whole_dispute_by_the_api(string buyerId, string sellerId, string orderId, string lineId)
    {
        var buyer = Host.Client(await Market.CreateAccountAsync(buyerId, "buyer"));
        var seller = Host.Client(await Market.CreateAccountAsync(sellerId, "seller"));
        var order = await Expect(await Market.Platform.PostAsJsonAsync("/api/v1/orders", new
        {
            id = orderId,
            buyerId,
            sellerId,
            currency = "USD",
            lines = new[] { new { id = lineId, title = "Lamp", quantity = 1, unitPrice = 2000, shipping = 500 } },
            payment = new { method = "card", reference = "pay_1" },
            shippingMethod = "standard",
        }), HttpStatusCode.Created);
        Assert.Equal(orderId, Text(order, "id"));
        Assert.Equal(lineId, Text(order["lines"]![0]!, "id"));
        var path = $"/api/v1/orders/{Uri.EscapeDataString(orderId)}";

        await PostOk(seller, $"{path}/shipment", new { carrier = "DHL", trackingNumber = "JD0001" });
        var dispute = await Expect(await buyer.PostAsJsonAsync($"{path}/disputes", new
        {
            lineId, received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "Broken.",
        }), HttpStatusCode.Created);
        var disputeId = Text(dispute, "id");
        var disputePath = $"/api/v1/disputes/{Uri.EscapeDataString(disputeId)}";
        await Expect(await buyer.PostAsync($"{disputePath}/evidence", Evidence.Png()), HttpStatusCode.Created);
        await PostOk(seller, $"{disputePath}/accept-claim");

        var settled = await GetAsync(buyer, path);
        Assert.Equal("closed", Text(settled, "status"));
        var refundId = Text(settled["refunds"]![0]!, "id");
        Assert.Equal(2500, (await GetAsync(Market.Platform, $"/api/v1/refunds/{Uri.EscapeDataString(refundId)}"))["amount"]!.GetValue<long>());
        Assert.Equal(disputeId, Text((await GetAsync(seller, "/api/v1/disputes")).AsArray().Single()!, "id"));
        Assert.Contains((await GetAsync(Market.Platform, $"/api/v1/events?orderId={Uri.EscapeDataString(orderId)}")).AsArray(), e => Text(e!, "type") == "dispute.claim_accepted");
        Assert.Equal(HttpStatusCode.NotFound, (await Market.Buyer.GetAsync(path)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task The_pages_show_and_act_on_a_marketplaces_own_ids(string buyerId, string sellerId, string orderId, string lineId)
    {
        await Market.CreateAccountAsync(buyerId, "buyer");
        var seller = Host.Client(await Market.CreateAccountAsync(sellerId, "seller"));
        await Expect(await Market.Platform.PostAsJsonAsync("/api/v1/orders", new
        {
            id = orderId, buyerId, sellerId, currency = "EUR",
            lines = new[] { new { id = lineId, title = "Lamp", quantity = 1, unitPrice = 2000, shipping = 500 } },
            payment = new { method = "card", reference = "pay_1" }, shippingMethod = "standard",
        }), HttpStatusCode.Created);
        await PostOk(seller, $"/api/v1/orders/{Uri.EscapeDataString(orderId)}/shipment", new { carrier = "DHL", trackingNumber = "JD0001" });
        using var browser = await WebBrowser.SignInAsync(Host, buyerId);
        var page = $"/orders/{Uri.EscapeDataString(orderId)}";

        var html = await (await browser.GetAsync(page)).Content.ReadAsStringAsync();
        Assert.Contains($"/orders/{orderId}/dispute?line={lineId}", html, StringComparison.Ordinal);

        using var opened = await browser.PostFormAsync($"{page}/dispute?line={Uri.EscapeDataString(lineId)}", new Dictionary<string, string>
        {
            ["Received"] = "true", ["Reason"] = "damaged", ["Solution"] = "RefundOnly", ["Amount"] = "25.00", ["Description"] = "Broken.",
        });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var disputePage = opened.Headers.Location!.OriginalString;
        Assert.Equal($"/disputes/{orderId}-d1", Uri.UnescapeDataString(disputePage));

        using var message = await browser.PostFormAsync($"{disputePage}?handler=Message", new Dictionary<string, string> { ["text"] = "Still broken." });
        Assert.Equal(HttpStatusCode.Redirect, message.StatusCode);
        Assert.Contains("Still broken.", await (await browser.GetAsync(disputePage)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("ünicode")]
    [InlineData("slash/ed")]
    [InlineData("..")]
    public async Task Ids_outside_the_contract_are_refused_with_a_clear_problem(string id) =>
        await ExpectProblem(
            await Market.Platform.PostAsJsonAsync("/api/v1/accounts", new { id, role = "buyer", displayName = "x", email = "x@example.test" }),
            HttpStatusCode.UnprocessableEntity,
            "invalid_id");

    [Fact]
    public async Task An_id_of_129_characters_is_refused() =>
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/orders", Arbiter.Testing.SampleOrders.OneLine(new string('o', 129))), HttpStatusCode.UnprocessableEntity, "invalid_id");
}

public sealed class PlatformIdTestsOnSqlite() : PlatformIdTests(Backend.Sqlite);

public sealed class PlatformIdTestsOnPostgres() : PlatformIdTests(Backend.Postgres);
