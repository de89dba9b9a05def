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
/// One order's save, sent as one batch with its document first: a document changed since it was read
/// stops everything after it, and the rows derived from the order change only where the order did.
/// </summary>
public abstract class OrderSaveTests(Backend backend) : MarketplaceTest(backend)
{
    [Fact]
    public async Task A_save_of_an_order_changed_since_it_was_read_writes_nothing_even_where_its_events_would_take_the_others_places()
    {
        await Market.ShippedOrderAsync("o1");
        var stale = await Store.LoadAsync(OrderId.Of("o1"), TestContext.Current.CancellationToken);
        await Expect(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/protection-extension-requests", new { days = 5 }), HttpStatusCode.Created);
        var now = Host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Assert.True(stale!.Order.ConfirmReceipt(new Actor(Role.Buyer, "b1"), now).IsSuccess);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Host.Services.GetRequiredService<Database>().WriteAsync(async (connection, tx) =>
        {
            await OrderStore.SaveAsync(connection, tx, stale, now);
            return true;
        }));

        Assert.Equal("awaiting_confirmation", Text(await Expect(await Market.Buyer.GetAsync("/api/v1/orders/o1"), HttpStatusCode.OK), "status"));
        var events = await Expect(await Market.Platform.GetAsync("/api/v1/events?orderId=o1"), HttpStatusCode.OK);
        Assert.DoesNotContain("order.completed", events.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await Cli.MaintenanceCommands.AuditAsync(Host.Storage.Options(), TextWriter.Null));
    }

    [Fact]
    public async Task A_deadline_moved_to_another_instant_keeps_one_timer_at_the_new_instant()
    {
        await Market.ShippedOrderAsync("o1");
        var before = await Store.ArmedTimerKeysAsync(OrderId.Of("o1"), TestContext.Current.CancellationToken);

        await Expect(await Market.Seller.PostAsJsonAsync("/api/v1/orders/o1/protection-extensions", new { days = 5 }), HttpStatusCode.OK);

        var after = await Store.ArmedTimerKeysAsync(OrderId.Of("o1"), TestContext.Current.CancellationToken);
        var end = before.Single(k => k.StartsWith("ProtectionEnd:", StringComparison.Ordinal));
        var (key, due) = (end[..end.IndexOf('@', StringComparison.Ordinal)], long.Parse(end[(end.IndexOf('@', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains($"{key}@{due + (long)TimeSpan.FromDays(5).TotalMilliseconds}", after);
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(0, await Cli.MaintenanceCommands.AuditAsync(Host.Storage.Options(), TextWriter.Null));
    }

    private OrderStore Store => Host.Services.GetRequiredService<OrderStore>();
}

public sealed class OrderSaveTestsOnSqlite() : OrderSaveTests(Backend.Sqlite);

public sealed class OrderSaveTestsOnPostgres() : OrderSaveTests(Backend.Postgres);
