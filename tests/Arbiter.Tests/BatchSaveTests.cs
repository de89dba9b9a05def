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
/// Orders saved together, as the timers save a batch of them: on PostgreSQL each kind of row goes
/// as one statement over arrays, on SQLite row by row. Either way every order gets its document,
/// events, posting and timers, and one order changed meanwhile stops the whole save.
/// </summary>
public abstract class BatchSaveTests(Backend backend) : MarketplaceTest(backend)
{
    private static readonly string[] Ids = ["o1", "o2", "o3"];

    [Fact]
    public async Task Orders_saved_in_one_batch_each_get_their_document_events_posting_and_timers()
    {
        foreach (var id in Ids)
        {
            await Market.ShippedOrderAsync(id);
        }

        await SaveTogetherAsync(Ids);

        foreach (var id in Ids)
        {
            Assert.Equal("completed", Text(await Expect(await Market.Buyer.GetAsync($"/api/v1/orders/{id}"), HttpStatusCode.OK), "status"));
            Assert.Empty(await Store.ArmedTimerKeysAsync(OrderId.Of(id), TestContext.Current.CancellationToken));
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

    private OrderStore Store => Host.Services.GetRequiredService<OrderStore>();

    private async Task SaveTogetherAsync(string[] ids) =>
        await SaveAsync(await Store.LoadManyAsync([.. ids.Select(OrderId.Of)], TestContext.Current.CancellationToken));

    /// <summary>The buyer confirms receipt of every order, and all are saved in one transaction.</summary>
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
