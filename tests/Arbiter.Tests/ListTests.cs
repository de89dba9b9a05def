using System.Net;
using System.Net.Http.Json;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Arbiter.Tests;

/// <summary>
/// The lists of the pages, a page of 50 at a time by keyset: every order once and in order across
/// pages, narrowed by status, an open dispute, or a search by id or title (its wildcards taken as
/// text), soonest deadline first; the seller's disputes to answer and the mediator's queue likewise.
/// </summary>
public abstract class ListTests(Backend backend) : MarketplaceTest(backend)
{
    private OrderLists Lists => Host.Services.GetRequiredService<OrderLists>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_follow_each_other_without_a_gap_or_a_repeat_whatever_the_order()
    {
        for (var i = 0; i < 61; i++)
        {
            await Market.CreateOrderAsync($"ord-{i:000}");
        }

        foreach (var order in new[] { ListOrder.Recent, ListOrder.Deadline })
        {
            var seen = new List<string>();
            string? after = null;
            var pages = 0;
            do
            {
                var page = await Lists.OrdersAsync(new OrderListQuery("b1", null, null, false, null, order, after, 25), Ct);
                seen.AddRange(page.Items.Select(id => id.Value));
                after = page.Next;
                pages++;
            }
            while (after is not null);

            Assert.Equal(3, pages);
            Assert.Equal(61, seen.Distinct().Count());
            Assert.Equal(61, seen.Count);
        }
    }

    [Fact]
    public async Task A_list_narrows_to_a_status_an_open_dispute_or_a_search_by_id_or_title()
    {
        await Market.CreateOrderAsync("ord-2026-000123");
        await Market.ShippedOrderAsync("ord-2026-000124");
        await Market.DisputeAsync("ord-2026-000125");
        await Market.CreateOrderAsync("50_off");

        async Task<string[]> Ids(OrderStatus? status = null, bool inDispute = false, string? search = null, ListOrder order = ListOrder.Recent) =>
            [.. (await Lists.OrdersAsync(new OrderListQuery("b1", null, status, inDispute, search, order, null, 50), Ct)).Items.Select(id => id.Value).Order(StringComparer.Ordinal)];

        Assert.Equal(["50_off", "ord-2026-000123"], await Ids(OrderStatus.AwaitingShipment));
        Assert.Equal(["ord-2026-000125"], await Ids(inDispute: true));
        Assert.Equal(["ord-2026-000123", "ord-2026-000124", "ord-2026-000125"], await Ids(search: "ord-2026"));
        Assert.Equal(["50_off"], await Ids(search: "50_"));
        Assert.Empty(await Ids(search: "_"));
        Assert.Empty(await Ids(search: "%"));
        Assert.Equal(4, (await Ids(search: "Speedometer")).Length);
        Assert.Empty((await Lists.OrdersAsync(new OrderListQuery("somebody-else", null, null, false, null, ListOrder.Recent, null, 50), Ct)).Items);
    }

    [Fact]
    public async Task The_queue_pages_escalated_disputes_by_stage_and_search_soonest_deadline_first()
    {
        foreach (var id in new[] { "q1", "q2", "q3" })
        {
            var dispute = Marketplace.Text(await Market.DisputeAsync(id), "id");
            await Marketplace.PostOk(Market.Seller, $"/api/v1/disputes/{dispute}/reject", new { note = "No." });
            await Marketplace.PostOk(Market.Buyer, $"/api/v1/disputes/{dispute}/escalate", new { note = "Help." });
            await Market.AdvanceAsync(hours: 1);
        }

        await Marketplace.Expect(
            await Market.Mediator.PostAsJsonAsync("/api/v1/disputes/q2-d1/info-requests", new { from = "seller", question = "Proof?", businessDays = 3 }),
            HttpStatusCode.Created);
        DisputeListQuery Queue(EscalationStatus? stage = null, string? search = null, string? after = null, int size = 50) =>
            new(null, null, true, [DisputeStatus.Escalated], stage, search, after, size);

        var first = await Lists.DisputesAsync(Queue(size: 2), Ct);
        var second = await Lists.DisputesAsync(Queue(after: first.Next, size: 2), Ct);
        Assert.Equal(3, first.Items.Concat(second.Items).Select(d => d.Id).Distinct().Count());
        Assert.Null(second.Next);
        Assert.Equal(["q2-d1"], (await Lists.DisputesAsync(Queue(EscalationStatus.WaitingForSeller), Ct)).Items.Select(d => d.Id));
        Assert.Equal(["q3-d1"], (await Lists.DisputesAsync(Queue(search: "q3"), Ct)).Items.Select(d => d.Id));
        Assert.Equal(3, (await Lists.DisputesAsync(Queue(search: "speedometer"), Ct)).Items.Count);
    }

    [Fact]
    public async Task The_pages_show_50_and_link_the_next_page_with_the_filter_kept()
    {
        for (var i = 0; i < 52; i++)
        {
            await Market.CreateOrderAsync($"p{i:00}");
        }

        using var buyer = await WebBrowser.SignInAsync(Host, "b1");
        var html = await buyer.PageAsync("/orders?status=awaiting_shipment&sort=deadline");
        Assert.Equal(50, System.Text.RegularExpressions.Regex.Count(html, "<td><a href=\"/orders/p"));
        var next = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/orders\\?[^\"]*after=[^\"]+)\"").Groups[1].Value;
        Assert.Contains("status=awaiting_shipment", next, StringComparison.Ordinal);
        var rest = await buyer.PageAsync(WebUtility.HtmlDecode(next));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(rest, "<td><a href=\"/orders/p"));
        Assert.Contains("Nothing matches", await buyer.PageAsync("/orders?q=nothing-like-this"), StringComparison.Ordinal);
    }
}

public sealed class ListTestsOnSqlite() : ListTests(Backend.Sqlite);

public sealed class ListTestsOnPostgres() : ListTests(Backend.Postgres);
