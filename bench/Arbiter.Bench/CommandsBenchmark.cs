using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Arbiter.Testing;

namespace Arbiter.Bench;

/// <summary>
/// The lifecycle over HTTP against a real node: create, ship, then either confirm receipt or open a
/// dispute, get an offer and accept or cancel it. Every HTTP call is one command. The node runs the
/// same load unmeasured first, as a long-running node would have: until the JIT has compiled its
/// hot paths at full optimisation, a fresh process measures its compiler as much as itself.
/// The measured time is cut into slices of about five seconds, and after each one the clients wait
/// while the yardstick runs as long: the machine's neighbours come and go over minutes, and both
/// sides of the ratio then see the same of them. Then the same clients ask the same warm node for
/// its health, a request that does no work: what HTTP alone costs on this machine, the floor under
/// every command.
/// </summary>
internal static class CommandsBenchmark
{
    private const string Key = "bench-platform-key";

    /// <param name="databaseCpu">The CPU time a database server has used so far; null when the database runs inside the node.</param>
    /// <param name="yardstick">Runs the yardstick for the time given, at the same client count.</param>
    public static async Task<CommandFigures> RunAsync(
        BenchStorage storage, Func<TimeSpan>? databaseCpu, Func<TimeSpan, Task<YardstickRun>> yardstick, int clients, TimeSpan warmup, TimeSpan duration)
    {
        await using var node = await NodeProcess.StartAsync(Key, storage.NodeArgs(), simulatedClock: false);
        var platform = node.Client(Key);
        var buyer = node.Client(await AccountAsync(platform, $"b{clients}", "buyer"));
        var seller = node.Client(await AccountAsync(platform, $"s{clients}", "seller"));
        var latencies = new Latencies();
        var gate = new Gate();
        var measuring = false;
        var done = false;
        var next = 0;

        async Task TimedAsync(Func<Task<HttpResponseMessage>> call)
        {
            await gate.EnterAsync();
            try
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await call();
                response.EnsureSuccessStatusCode();
                if (Volatile.Read(ref measuring))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started));
                }
            }
            finally
            {
                gate.Leave();
            }
        }

        async Task ClientAsync()
        {
            while (!Volatile.Read(ref done))
            {
                var n = Interlocked.Increment(ref next);
                var id = $"c{clients}_{n}";
                await TimedAsync(() => platform.PostAsync("/api/v1/orders", Body(SampleOrders.OneLine(id, $"b{clients}", $"s{clients}"))));
                await TimedAsync(() => seller.PostAsync($"/api/v1/orders/{id}/shipment", Body(new { carrier = "DHL", trackingNumber = id })));
                if (n % 2 == 1)
                {
                    await TimedAsync(() => buyer.PostAsync($"/api/v1/orders/{id}/confirm-receipt", null));
                    continue;
                }

                await TimedAsync(() => buyer.PostAsync($"/api/v1/orders/{id}/disputes", Body(new
                {
                    lineId = "l1", received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "Broken.",
                })));
                await TimedAsync(() => seller.PostAsync($"/api/v1/disputes/{id}-d1/offers", Body(new { type = "refund_only", amount = 1000 })));
                await TimedAsync(() => n % 4 == 0
                    ? buyer.PostAsync($"/api/v1/disputes/{id}-d1/offers/of1/accept", Body(new { }))
                    : buyer.PostAsync($"/api/v1/disputes/{id}-d1/cancel", Body(new { confirm = true })));
            }
        }

        async Task<(TimeSpan WarmedFor, TimeSpan Measured, TimeSpan Node, TimeSpan Database, double Allocated, YardstickRun Yardstick)> MeasureAsync()
        {
            var warmedFor = await WarmUpAsync(platform, warmup);
            var (measured, nodeCpu, databaseCpuUsed, allocated, yardstickRun) = (TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0.0, YardstickRun.None);
            var slices = Math.Max(1, (int)Math.Round(duration.TotalSeconds / 5));
            for (var slice = 0; slice < slices; slice++)
            {
                var allocated0 = await MetricAsync(platform, AllocatedBytes);
                var (node0, database0) = (node.CpuTime, databaseCpu?.Invoke() ?? TimeSpan.Zero);
                var clock = Stopwatch.StartNew();
                Volatile.Write(ref measuring, true);
                await Task.Delay(duration / slices);
                Volatile.Write(ref measuring, false);
                measured += clock.Elapsed;
                nodeCpu += node.CpuTime - node0;
                databaseCpuUsed += (databaseCpu?.Invoke() ?? TimeSpan.Zero) - database0;
                allocated += await MetricAsync(platform, AllocatedBytes) - allocated0;
                await gate.CloseAsync();
                yardstickRun += await yardstick(duration / slices);
                gate.Open();
            }

            Volatile.Write(ref done, true);
            return (warmedFor, measured, nodeCpu, databaseCpuUsed, allocated, yardstickRun);
        }

        var measurement = MeasureAsync();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => ClientAsync()));
        var (warmedFor, measured, nodeCpu, databaseCpuUsed, allocatedBytes, yardstickRun) = await measurement;
        var commands = Math.Max(1, latencies.Count);
        return new CommandFigures(
            latencies.Count / measured.TotalSeconds,
            latencies.Percentile(0.50),
            latencies.Percentile(0.99),
            nodeCpu / commands,
            databaseCpu is null ? null : databaseCpuUsed / commands,
            allocatedBytes / commands,
            yardstickRun,
            await HttpFloorAsync(platform, clients, duration),
            warmedFor);
    }

    /// <summary>
    /// Runs the load unmeasured for at least <paramref name="minimum"/>, then until the node's JIT is
    /// quiet: under 2% of a window's time spent compiling, read from the node's own metrics. Tiered
    /// compilation works through the hot paths in the background, and on a busy machine it was still
    /// compiling 40% of the time 30 s into the load; at most four times the minimum.
    /// </summary>
    /// <returns>How long the node was warmed.</returns>
    private static async Task<TimeSpan> WarmUpAsync(HttpClient platform, TimeSpan minimum)
    {
        var clock = Stopwatch.StartNew();
        var window = TimeSpan.FromSeconds(Math.Min(5, minimum.TotalSeconds));
        await Task.Delay(minimum - window);
        var compiling = await MetricAsync(platform, JitSeconds);
        while (clock.Elapsed < minimum * 4)
        {
            await Task.Delay(window);
            var now = await MetricAsync(platform, JitSeconds);
            if (now - compiling < window.TotalSeconds * 0.02)
            {
                break;
            }

            compiling = now;
        }

        return clock.Elapsed;
    }

    /// <summary>The seconds the node's JIT has spent compiling (<c>System.Runtime</c>).</summary>
    private const string JitSeconds = "dotnet_jit_compilation_time_seconds_total";

    /// <summary>
    /// The bytes the node has allocated on its heap (<c>System.Runtime</c>): allocation per command
    /// hardly moves with the machine's load, where time and CPU move by a fifth between runs.
    /// </summary>
    private const string AllocatedBytes = "dotnet_gc_heap_total_allocated_bytes_total";

    /// <summary>A metric of the node's own, from its Prometheus metrics.</summary>
    private static async Task<double> MetricAsync(HttpClient platform, string name)
    {
        var metrics = await platform.GetStringAsync("/metrics");
        var line = metrics.Split('\n').Single(l => l.StartsWith(name, StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Requests per second for <c>GET /health</c> from <paramref name="clients"/> clients: HTTP and nothing else.</summary>
    private static async Task<double> HttpFloorAsync(HttpClient client, int clients, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var total = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                using var response = await client.GetAsync("/health");
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref total);
            }
        }));
        return total / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// A request's JSON body, sent with its length as a platform's client sends it: <c>PostAsJsonAsync</c>
    /// streams it instead, chunked, which costs both ends a write and a framing a platform's request does not.
    /// </summary>
    private static ByteArrayContent Body(object value)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task<string> AccountAsync(HttpClient platform, string id, string role)
    {
        using var response = await platform.PostAsJsonAsync("/api/v1/accounts", new { id, role, displayName = id });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AccountCreated>())!.Token;
    }

    private sealed record AccountCreated(string Token);
}

/// <summary>What the lifecycle measured: throughput, latency, CPU and heap allocation per command in the node (and CPU in a database server), the yardstick run between its slices, the HTTP floor, and how long the node was warmed.</summary>
internal sealed record CommandFigures(
    double PerSecond, double P50, double P99, TimeSpan NodeCpuEach, TimeSpan? DatabaseCpuEach, double AllocatedEach, YardstickRun Yardstick, double HttpFloor, TimeSpan WarmedFor);
