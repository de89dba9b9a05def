using System.Net;
using System.Net.Http.Json;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>The seller's record through the API and on the buyer's pages, computed from the history.</summary>
public abstract class SellerMetricsTests(Backend backend) : MarketplaceTest(backend)
{
    [Fact]
    public async Task The_record_counts_the_sellers_orders_disputes_and_answers_in_the_contracts_fields()
    {
        await Market.CreateOrderAsync("o1");
        var id = Text(await Market.DisputeAsync("o2"), "id");
        await Market.AdvanceAsync(hours: 6);
        await PostOk(Market.Seller, $"/api/v1/disputes/{id}/reject", new { note = "Works here." });

        var metrics = await GetAsync(Market.Buyer, "/api/v1/sellers/s1/metrics");

        Assert.Equal(
            ("s1", "90", "2", "1", "0.5", "0", "0", "0", "6"),
            (Text(metrics, "sellerId"), Text(metrics, "windowDays"), Text(metrics, "orders"), Text(metrics, "disputes"), Text(metrics, "disputeRate"),
             Text(metrics, "escalations"), Text(metrics, "escalationRate"), Text(metrics, "rulingsAgainst"), Text(metrics, "medianResponseHours")));
        await ExpectProblem(await Market.Platform.GetAsync("/api/v1/sellers/b1/metrics"), HttpStatusCode.NotFound, "not_found");
        await ExpectProblem(await Market.Mediator.GetAsync("/api/v1/sellers/s1/metrics"), HttpStatusCode.Forbidden, "action_not_allowed_for_role");
    }

    [Fact]
    public async Task The_buyer_sees_the_sellers_record_on_the_order_and_the_dispute()
    {
        var id = Text(await Market.DisputeAsync("o1"), "id");
        using var buyer = await WebBrowser.SignInAsync(Host, "b1");
        using var seller = await WebBrowser.SignInAsync(Host, "s1");

        foreach (var page in new[] { "/orders/o1", $"/disputes/{id}" })
        {
            var html = System.Net.WebUtility.HtmlDecode(await buyer.PageAsync(page));
            Assert.Contains("The seller's record, last 90 days", html, StringComparison.Ordinal);
            Assert.Contains("1 order, 100% of them disputed", html, StringComparison.Ordinal);
            Assert.DoesNotContain("seller-record", await (await seller.GetAsync(page)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}

public sealed class SellerMetricsTestsOnSqlite() : SellerMetricsTests(Backend.Sqlite);

public sealed class SellerMetricsTestsOnPostgres() : SellerMetricsTests(Backend.Postgres);
