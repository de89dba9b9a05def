using System.Net;
using System.Net.Http.Json;
using Arbiter.Cli;
using Arbiter.Testing;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>Several real service processes on one PostgreSQL database, as a marketplace deploys them.</summary>
public sealed class MultiNodeTests
{
    private const int Orders = 2000;
    private const int Races = 60;

    [Fact]
    public async Task Three_nodes_fire_every_deadline_once_and_give_every_race_one_winner()
    {
        var storage = await TestStorage.NewAsync(Backend.Postgres);
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => storage.StartNodeAsync()));
        try
        {
            var platform = nodes.Select(n => n.Client(ArbiterHost.PlatformKey)).ToArray();
            var buyer = await CreateAccountAsync(platform[0], "b1", "buyer");
            var seller = await CreateAccountAsync(platform[1], "s1", "seller");
            var buyers = nodes.Select(n => n.Client(buyer)).ToArray();
            var sellers = nodes.Select(n => n.Client(seller)).ToArray();

            await Parallel.ForEachAsync(Enumerable.Range(0, Orders), new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (i, ct) =>
            {
                await Expect(await platform[i % 3].PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine($"o{i}"), ct), HttpStatusCode.Created);
                await Expect(await sellers[(i + 1) % 3].PostAsJsonAsync($"/api/v1/orders/o{i}/shipment", new { carrier = "DHL", trackingNumber = $"T{i}" }, ct), HttpStatusCode.OK);
            });

            await Parallel.ForEachAsync(Enumerable.Range(0, Races), async (i, ct) =>
                await Expect(await buyers[i % 3].PostAsJsonAsync($"/api/v1/orders/o{i}/disputes", Claim, ct), HttpStatusCode.Created));
            var races = await Task.WhenAll(Enumerable.Range(0, Races).Select(async i =>
            {
                var id = $"o{i}-d1";
                var answers = await Task.WhenAll(
                    sellers[0].PostAsync($"/api/v1/disputes/{id}/accept-claim", null),
                    buyers[1].PostAsJsonAsync($"/api/v1/disputes/{id}/cancel", new { confirm = true }),
                    sellers[2].PostAsJsonAsync($"/api/v1/disputes/{id}/offers", new { type = "refund_only", amount = 500 }));
                return (Accepted: answers[0].IsSuccessStatusCode, Cancelled: answers[1].IsSuccessStatusCode, Statuses: answers.Select(a => a.StatusCode).ToArray());
            }));
            Assert.All(races, r => Assert.True(r.Accepted ^ r.Cancelled, $"accept and cancel must have exactly one winner: {string.Join(", ", r.Statuses)}"));
            Assert.All(races, r => Assert.All(r.Statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Conflict, $"{s}")));

            var advanced = await PostOk(platform[2], "/api/v1/clock/advance", new { days = 60 });
            foreach (var client in platform)
            {
                Assert.Equal(Text(advanced, "now"), Text(await GetAsync(client, "/api/v1/clock"), "now"));
            }

            await Parallel.ForEachAsync(Enumerable.Range(0, Orders), new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (i, _) =>
            {
                var order = await GetAsync(platform[i % 3], $"/api/v1/orders/o{i}");
                var actions = order["history"]!.AsArray().Select(h => Text(h!, "action")).ToList();
                var refunded = order["escrow"]!["refunded"]!.GetValue<long>();
                Assert.Equal(0, order["escrow"]!["held"]!.GetValue<long>());
                Assert.Equal(2299, refunded + order["escrow"]!["released"]!.GetValue<long>());
                Assert.True(refunded == 2299 ? Text(order, "status") == "closed" : Text(order, "status") == "completed", order.ToJsonString());
                Assert.Equal(i < Races && races[i].Accepted ? 0 : 1, actions.Count(a => a == "protection_ended"));
                Assert.True(actions.Count(a => a == "protection_reminder") <= 1);
                Assert.Equal(i < Races && races[i].Accepted ? 2299 : 0, refunded);
            });

            var report = new StringWriter();
            Assert.True(await MaintenanceCommands.AuditAsync(storage.Options(), report) == 0, report.ToString());
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{e.Message}\n--- node output ---\n{string.Join("\n---\n", nodes.Select(n => n.Output[^Math.Min(n.Output.Length, 4000)..]))}", e);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static readonly object Claim = new
    {
        lineId = "l1", received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "Broken on arrival.",
    };
}
