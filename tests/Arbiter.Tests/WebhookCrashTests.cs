using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arbiter.Testing;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>A node killed with SIGKILL while it delivers webhooks under load, then restarted: no event is lost.</summary>
public abstract class WebhookCrashTests(Backend backend)
{
    private const int Workers = 4;
    private const int ReceivedBeforeKill = 120;

    [Fact]
    public async Task A_node_killed_while_delivering_loses_no_event_and_keeps_each_orders_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var storage = await TestStorage.NewAsync(backend);
        var orders = new ConcurrentQueue<string>();
        var enough = new CancellationTokenSource();
        await using (var node = await storage.StartNodeAsync())
        {
            var platform = node.Client(ArbiterHost.PlatformKey);
            await Expect(await platform.PostAsJsonAsync("/api/v1/webhook-endpoints", new { url = receiver.Url, eventTypes = new[] { "*" } }), HttpStatusCode.Created);
            var buyer = node.Client(await CreateAccountAsync(platform, "b1", "buyer"));
            var seller = node.Client(await CreateAccountAsync(platform, "s1", "seller"));
            var next = 0;

            async Task WorkAsync()
            {
                try
                {
                    while (!enough.IsCancellationRequested)
                    {
                        var id = $"o{Interlocked.Increment(ref next)}";
                        (await platform.PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine(id))).EnsureSuccessStatusCode();
                        orders.Enqueue(id);
                        await seller.PostAsJsonAsync($"/api/v1/orders/{id}/shipment", new { carrier = "DHL", trackingNumber = id });
                        await buyer.PostAsync($"/api/v1/orders/{id}/confirm-receipt", null);
                    }
                }
                catch (Exception) when (enough.IsCancellationRequested)
                {
                    // Requests in flight when the node dies fail; what they wrote is checked below.
                }
            }

            var load = Enumerable.Range(0, Workers).Select(_ => WorkAsync()).ToList();
            while (receiver.Received.Count < ReceivedBeforeKill)
            {
                await Task.Delay(20);
            }

            await enough.CancelAsync();
            node.Kill();
            await Task.WhenAll(load);
        }

        await using var restarted = await storage.StartNodeAsync();
        var admin = restarted.Client(ArbiterHost.PlatformKey);
        var logs = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var orderId in orders)
        {
            logs[orderId] = [.. (await GetAsync(admin, $"/api/v1/events?orderId={orderId}")).AsArray().Select(e => Text(e!, "id"))];
        }

        // Orders whose creation was in flight at the kill are not in the list, though their events may arrive.
        var logged = logs.Values.SelectMany(l => l).ToList();
        IEnumerable<string> Missing() => logged.Except(receiver.Accepted.Select(r => r.EventId));
        for (var i = 0; i < 10 && Missing().Any(); i++)
        {
            await PostOk(admin, "/api/v1/clock/advance", new { minutes = 10 });
        }

        Assert.Empty(Missing());
        var firstArrivals = receiver.Accepted.Select(r => r.EventId).Distinct().ToList();
        foreach (var (orderId, log) in logs)
        {
            Assert.Equal(log, firstArrivals.Where(id => JsonNode.Parse(receiver.Accepted.First(r => r.EventId == id).Body)!["orderId"]!.GetValue<string>() == orderId));
        }
    }
}

public sealed class WebhookCrashTestsOnSqlite() : WebhookCrashTests(Backend.Sqlite);

public sealed class WebhookCrashTestsOnPostgres() : WebhookCrashTests(Backend.Postgres);
