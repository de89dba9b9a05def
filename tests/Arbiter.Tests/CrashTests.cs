using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Arbiter.Cli;
using Arbiter.Testing;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>A node killed with SIGKILL in the middle of commands and due deadlines, then restarted.</summary>
public abstract class CrashTests(Backend backend)
{
    private const int Workers = 8;
    private const int AcknowledgedBeforeKill = 400;

    [Fact]
    public async Task A_node_killed_under_load_loses_nothing_acknowledged_and_moves_no_money_twice()
    {
        var storage = await TestStorage.NewAsync(backend);
        var acknowledged = new ConcurrentQueue<(string OrderId, string Step)>();
        var enough = new TaskCompletionSource();
        await using (var node = await storage.StartNodeAsync())
        {
            var platform = node.Client(ArbiterHost.PlatformKey);
            var buyer = node.Client(await CreateAccountAsync(platform, "b1", "buyer"));
            var seller = node.Client(await CreateAccountAsync(platform, "s1", "seller"));
            var next = 0;

            async Task StepAsync(string orderId, string step, Task<HttpResponseMessage> request)
            {
                if ((await request).IsSuccessStatusCode)
                {
                    acknowledged.Enqueue((orderId, step));
                    if (acknowledged.Count >= AcknowledgedBeforeKill)
                    {
                        enough.TrySetResult();
                    }
                }
            }

            async Task WorkAsync()
            {
                while (!enough.Task.IsCompleted)
                {
                    var n = Interlocked.Increment(ref next);
                    var id = $"o{n}";
                    await StepAsync(id, "created", platform.PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine(id)));
                    await StepAsync(id, "shipped", seller.PostAsJsonAsync($"/api/v1/orders/{id}/shipment", new { carrier = "DHL", trackingNumber = id }));
                    if (n % 3 == 0)
                    {
                        await StepAsync(id, "confirmed", buyer.PostAsync($"/api/v1/orders/{id}/confirm-receipt", null));
                    }
                    else if (n % 3 == 1)
                    {
                        await StepAsync(id, "disputed", buyer.PostAsJsonAsync($"/api/v1/orders/{id}/disputes", new
                        {
                            lineId = "l1", received = false, reason = "not_received_in_transit", solution = new { type = "refund_only" }, description = "Nothing came.",
                        }));
                        await StepAsync(id, "claim_accepted", seller.PostAsync($"/api/v1/disputes/{id}-d1/accept-claim", null));
                    }
                }
            }

            async Task AdvanceClockAsync()
            {
                while (!enough.Task.IsCompleted)
                {
                    await platform.PostAsJsonAsync("/api/v1/clock/advance", new { hours = 12 });
                }
            }

            // Requests in flight when the node dies fail; they were never acknowledged, so that is fine.
            async Task UntilKilledAsync(Task work)
            {
                try
                {
                    await work;
                }
                catch (Exception) when (enough.Task.IsCompleted)
                {
                }
            }

            var load = Enumerable.Range(0, Workers).Select(_ => UntilKilledAsync(WorkAsync())).Append(UntilKilledAsync(AdvanceClockAsync())).ToList();
            await enough.Task.WaitAsync(TimeSpan.FromMinutes(5));
            node.Kill();
            await Task.WhenAll(load);
        }

        await using var restarted = await storage.StartNodeAsync();
        var admin = restarted.Client(ArbiterHost.PlatformKey);
        foreach (var (orderId, step) in acknowledged)
        {
            var order = await GetAsync(admin, $"/api/v1/orders/{orderId}");
            var effect = step switch
            {
                "shipped" => order["shipment"] is not null,
                "confirmed" => Text(order, "status") == "completed" && Text(order, "escrow.released") == "2299",
                "disputed" => order["disputes"]!.AsArray().Count == 1,
                "claim_accepted" => Text(order, "escrow.refunded") == "2299",
                _ => true,
            };
            Assert.True(effect, $"acknowledged '{step}' of {orderId} was lost: {order.ToJsonString()}");
        }

        await PostOk(admin, "/api/v1/clock/advance", new { days = 75 });
        var report = new StringWriter();
        Assert.True(await MaintenanceCommands.AuditAsync(storage.Options(), report) == 0, report.ToString());
        foreach (var orderId in acknowledged.Where(a => a.Step == "created").Select(a => a.OrderId))
        {
            var order = await GetAsync(admin, $"/api/v1/orders/{orderId}");
            Assert.Equal("0", Text(order, "escrow.held"));
            Assert.Contains(Text(order, "status"), new[] { "completed", "closed" });
        }
    }
}

public sealed class CrashTestsOnSqlite() : CrashTests(Backend.Sqlite);

public sealed class CrashTestsOnPostgres() : CrashTests(Backend.Postgres);
