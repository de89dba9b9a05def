using System.Net;
using System.Net.Http.Json;
using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>
/// Saves, each one batch with its documents first: orders saved together, as the timers save a batch
/// of them (on PostgreSQL each kind of row goes as one statement over arrays, on SQLite row by row),
/// and one order alone. Every order gets its document, events, posting and timer; one order changed
/// meanwhile stops the whole save; the rows derived from an order change only where the order did.
/// </summary>
public abstract class BatchSaveTests(Backend backend) : MarketplaceTest(backend)
{
    private static readonly string[] Ids = ["o1", "o2", "o3"];

    [Fact]
    public async Task Orders_saved_in_one_batch_each_get_their_document_events_posting_and_timer()
    {
        foreach (var id in Ids)
        {
            await Market.ShippedOrderAsync(id);
        }

        await SaveTogetherAsync(Ids);

        foreach (var id in Ids)
        {
            Assert.Equal("completed", Text(await Expect(await Market.Buyer.GetAsync($"/api/v1/orders/{id}"), HttpStatusCode.OK), "status"));
            Assert.Null(await Store.TimerDueAtAsync(OrderId.Of(id), TestContext.Current.CancellationToken));
            var events = await Expect(await Market.Platform.GetAsync($"/api/v1/events?orderId={id}"), HttpStatusCode.OK);
            Assert.Contains("order.completed", events.ToJsonString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await Cli.MaintenanceCommands.AuditAsync(Host.Storage.Options(), TextWriter.Null));
    }

    [Fact]
    public async Task One_order_changed_since_it_was_read_stops_the_whole_batch()
    {
        foreach (var id in Ids)
        {
            await Market.ShippedOrderAsync(id);
        }

        var loaded = await Store.LoadManyAsync([.. Ids.Select(OrderId.Of)], TestContext.Current.CancellationToken);
        await Expect(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o2/protection-extension-requests", new { days = 5 }), HttpStatusCode.Created);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => SaveAsync(loaded));
        foreach (var id in Ids)
        {
            Assert.Equal("awaiting_confirmation", Text(await Expect(await Market.Buyer.GetAsync($"/api/v1/orders/{id}"), HttpStatusCode.OK), "status"));
        }

        Assert.Equal(0, await Cli.MaintenanceCommands.AuditAsync(Host.Storage.Options(), TextWriter.Null));
    }

    [Fact]
    public async Task A_save_of_an_order_changed_since_it_was_read_writes_nothing_even_where_its_events_would_take_the_others_places()
    {
        await Market.ShippedOrderAsync("o1");
        var stale = await Store.LoadAsync(OrderId.Of("o1"), TestContext.Current.CancellationToken);
        await Expect(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/protection-extension-requests", new { days = 5 }), HttpStatusCode.Created);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => SaveAsync([stale!]));

        Assert.Equal("awaiting_confirmation", Text(await Expect(await Market.Buyer.GetAsync("/api/v1/orders/o1"), HttpStatusCode.OK), "status"));
        var events = await Expect(await Market.Platform.GetAsync("/api/v1/events?orderId=o1"), HttpStatusCode.OK);
        Assert.DoesNotContain("order.completed", events.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await Cli.MaintenanceCommands.AuditAsync(Host.Storage.Options(), TextWriter.Null));
    }

    [Fact]
    public async Task An_orders_one_timer_stands_at_its_earliest_deadline_and_moves_with_it()
    {
        await Market.ShippedOrderAsync("o1");
        var before = await Store.TimerDueAtAsync(OrderId.Of("o1"), TestContext.Current.CancellationToken);
        Assert.Equal(await EarliestDeadlineAsync("o1"), before);

        await Expect(await Market.Seller.PostAsJsonAsync("/api/v1/orders/o1/protection-extensions", new { days = 5 }), HttpStatusCode.OK);

        var after = await Store.TimerDueAtAsync(OrderId.Of("o1"), TestContext.Current.CancellationToken);
        Assert.Equal(await EarliestDeadlineAsync("o1"), after);
        Assert.Equal(before + (long)TimeSpan.FromDays(5).TotalMilliseconds, after);
        Assert.Equal(0, await Cli.MaintenanceCommands.AuditAsync(Host.Storage.Options(), TextWriter.Null));
    }

    private async Task<long> EarliestDeadlineAsync(string id) =>
        (await Store.LoadAsync(OrderId.Of(id), TestContext.Current.CancellationToken))!.Order.Deadlines().Min(d => d.DueAt).ToUnixTimeMilliseconds();

    private OrderStore Store => Host.Services.GetRequiredService<OrderStore>();

    private async Task SaveTogetherAsync(string[] ids) =>
        await SaveAsync(await Store.LoadManyAsync([.. ids.Select(OrderId.Of)], TestContext.Current.CancellationToken));

    /// <summary>The buyer confirms receipt of every order (one or more), and all are saved in one transaction.</summary>
    private Task<bool> SaveAsync(IReadOnlyList<LoadedOrder> loaded)
    {
        var now = Host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var order in loaded)
        {
            Assert.True(order.Order.ConfirmReceipt(new Actor(Role.Buyer, "b1"), now).IsSuccess);
        }

        return Host.Services.GetRequiredService<Database>().WriteAsync(async (connection, tx) =>
        {
            await OrderStore.SaveManyAsync(connection, tx, loaded, now);
            return true;
        });
    }
}

public sealed class BatchSaveTestsOnSqlite() : BatchSaveTests(Backend.Sqlite);

public sealed class BatchSaveTestsOnPostgres() : BatchSaveTests(Backend.Postgres);
