using System.Net;
using System.Net.Http.Json;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

public abstract class ConcurrencyAndRestartTests(Backend backend)
{
    [Fact]
    public async Task Racing_accept_and_cancel_on_one_dispute_have_one_winner_and_move_money_once()
    {
        await using var host = await ArbiterHost.StartAsync(backend);
        var market = await Marketplace.OpenAsync(host);
        var id = Text(await market.DisputeAsync("o1"), "id");

        var requests = Enumerable.Range(0, 16).Select(i => i % 2 == 0
            ? market.Seller.PostAsync($"/api/v1/disputes/{id}/accept-claim", null)
            : market.Buyer.PostAsJsonAsync($"/api/v1/disputes/{id}/cancel", new { confirm = true }));
        var responses = await Task.WhenAll(requests);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var order = await GetAsync(market.Platform, "/api/v1/orders/o1");
        Assert.True(order["refunds"]!.AsArray().Count <= 1);
        var escrow = order["escrow"]!;
        Assert.Equal(2299, escrow["held"]!.GetValue<long>() + escrow["released"]!.GetValue<long>() + escrow["refunded"]!.GetValue<long>());
    }

    [Fact]
    public async Task Racing_messages_that_do_not_conflict_all_get_through_in_some_order()
    {
        await using var host = await ArbiterHost.StartAsync(backend);
        var market = await Marketplace.OpenAsync(host);
        var id = Text(await market.DisputeAsync("o1"), "id");

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            (i % 2 == 0 ? market.Buyer : market.Seller).PostAsJsonAsync($"/api/v1/disputes/{id}/messages", new { text = $"message {i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var messages = (await GetAsync(market.Platform, $"/api/v1/disputes/{id}"))["messages"]!.AsArray();
        Assert.Equal(12, messages.Select(m => Text(m!, "text")).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"m{n}"), messages.Select(m => Text(m!, "id")));
    }

    [Fact]
    public async Task A_seller_reply_racing_the_response_deadline_either_wins_or_loses_cleanly()
    {
        await using var host = await ArbiterHost.StartAsync(backend);
        var market = await Marketplace.OpenAsync(host);
        var id = Text(await market.DisputeAsync("o1"), "id");
        await market.AdvanceAsync(days: 4, hours: 23);

        var reply = market.Seller.PostAsJsonAsync($"/api/v1/disputes/{id}/reject", new { note = "No" });
        var advance = market.Platform.PostAsJsonAsync("/api/v1/clock/advance", new { hours = 1 });
        var replied = await reply;
        await Expect(await advance, HttpStatusCode.OK);

        var dispute = await GetAsync(market.Platform, $"/api/v1/disputes/{id}");
        var refunded = (await GetAsync(market.Platform, "/api/v1/orders/o1"))["escrow"]!["refunded"]!.GetValue<long>();
        if (replied.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal("negotiating", Text(dispute, "status"));
            Assert.Equal(0, refunded);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Conflict, replied.StatusCode);
            Assert.Equal("seller_no_response", Text(dispute, "outcome.decidedBy"));
            Assert.Equal(2299, refunded);
        }
    }

    [Fact]
    public async Task Open_deadlines_survive_a_restart_and_fire_afterwards()
    {
        TestStorage storage;
        string id;
        await using (var first = await ArbiterHost.StartAsync(backend))
        {
            var market = await Marketplace.OpenAsync(first);
            id = Text(await market.DisputeAsync("o1"), "id");
            await market.AdvanceAsync(days: 2);
            storage = first.Storage;
        }

        await using var second = await ArbiterHost.StartAsync(storage);
        var platform = second.Platform;
        Assert.Equal("2026-03-04T09:00:00Z", Text(await GetAsync(platform, "/api/v1/clock"), "now"));
        Assert.Equal("awaiting_seller_response", Text(await GetAsync(platform, $"/api/v1/disputes/{id}"), "status"));

        await PostOk(platform, "/api/v1/clock/advance", new { days = 3 });
        var dispute = await GetAsync(platform, $"/api/v1/disputes/{id}");
        Assert.Equal("seller_no_response", Text(dispute, "outcome.decidedBy"));
        Assert.Equal("2026-03-07T09:00:00Z", Text(dispute, "outcome.decidedAt"));
    }

    [Fact]
    public async Task Deadlines_that_fell_due_during_downtime_fire_at_start_up_at_their_own_instants()
    {
        var clock = new FakeTimeProvider(ArbiterHost.Start);
        TestStorage storage;
        await using (var first = await ArbiterHost.StartAsync(backend, clock))
        {
            var market = await Marketplace.OpenAsync(first);
            await market.ShippedOrderAsync("o1");
            storage = first.Storage;
        }

        clock.Advance(TimeSpan.FromDays(90));
        await using var second = await ArbiterHost.StartAsync(storage, clock);

        var stored = (await second.Services.GetRequiredService<OrderStore>().LoadAsync(OrderId.Of("o1"), TestContext.Current.CancellationToken))!.Order;
        Assert.Equal(OrderStatus.Completed, stored.Status);
        Assert.Equal(ArbiterHost.Start.AddDays(60), stored.CompletedAt);
        Assert.Equal(stored.Amount(2299), stored.Ledger.Released());
        Assert.Empty(await second.Services.GetRequiredService<OrderStore>().DueOrdersAsync(clock.GetUtcNow(), 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_clock_routes_do_not_exist_on_the_system_clock()
    {
        await using var host = await ArbiterHost.StartAsync(backend, new FakeTimeProvider(ArbiterHost.Start));
        await ExpectProblem(await host.Platform.GetAsync("/api/v1/clock"), HttpStatusCode.NotFound, "not_found");
        await ExpectProblem(await host.Platform.PostAsJsonAsync("/api/v1/clock/advance", new { days = 1 }), HttpStatusCode.NotFound, "not_found");
    }
}

public sealed class ConcurrencyAndRestartTestsOnSqlite() : ConcurrencyAndRestartTests(Backend.Sqlite);

public sealed class ConcurrencyAndRestartTestsOnPostgres() : ConcurrencyAndRestartTests(Backend.Postgres);
