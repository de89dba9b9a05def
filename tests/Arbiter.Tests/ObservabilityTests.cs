using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arbiter.Testing;
using Arbiter.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>
/// What operators watch, on real node processes: <c>/metrics</c> in Prometheus's text format with
/// Arbiter's own instruments, traces, metrics and logs over OTLP to a receiver, JSON logs, and the
/// probes, readiness failing when the database refuses writes.
/// </summary>
public abstract partial class ObservabilityTests(Backend backend) : MarketplaceTest(backend)
{
    [Fact]
    public async Task Probes_answer_anyone_and_readiness_names_each_check()
    {
        var anonymous = Host.Client("none");
        var live = await anonymous.GetAsync("/health/live", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var ready = await Expect(await anonymous.GetAsync("/health/ready", TestContext.Current.CancellationToken), HttpStatusCode.OK);
        Assert.Equal("ready", ready["status"]!.GetValue<string>());
        Assert.Equal(["read", "write", "timers"], ready["checks"]!.AsObject().Select(c => c.Key));
        Assert.All(ready["checks"]!.AsObject(), c => Assert.Equal("ok", c.Value!.GetValue<string>()));
    }

    [Fact]
    public async Task The_metrics_are_the_platforms_in_prometheus_text_with_arbiters_instruments()
    {
        // A storage of its own: no other node fires its deadlines or counts its commands.
        await using var node = await (await TestStorage.NewAsync(Backend)).StartNodeAsync();
        var platform = node.Client(ArbiterHost.PlatformKey);
        var buyer = node.Client(await CreateAccountAsync(platform, "b1", "buyer"));
        var seller = node.Client(await CreateAccountAsync(platform, "s1", "seller"));
        await Expect(await platform.PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine("o1")), HttpStatusCode.Created);
        await ExpectProblem(await buyer.PostAsJsonAsync("/api/v1/orders/o1/shipment", new { carrier = "DHL", trackingNumber = "1" }), HttpStatusCode.Forbidden, "action_not_allowed_for_role");
        await PostOk(seller, "/api/v1/orders/o1/shipment", new { carrier = "DHL", trackingNumber = "1" });
        await Expect(await buyer.PostAsJsonAsync("/api/v1/orders/o1/disputes", new { lineId = "l1", received = true, reason = "not_as_described", solution = new { type = "refund_only" }, description = "It does not light up." }), HttpStatusCode.Created);
        await PostOk(platform, "/api/v1/clock/advance", new { days = 6 });
        await Expect(await platform.PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine("o2")), HttpStatusCode.Created);
        await PostOk(seller, "/api/v1/orders/o2/shipment", new { carrier = "DHL", trackingNumber = "2" });
        await Expect(await buyer.PostAsJsonAsync("/api/v1/orders/o2/disputes", new { lineId = "l1", received = false, reason = "not_received_in_transit", solution = new { type = "refund_only" }, description = "Nothing came." }), HttpStatusCode.Created);

        await ExpectProblem(await buyer.GetAsync("/metrics", TestContext.Current.CancellationToken), HttpStatusCode.Forbidden, "action_not_allowed_for_role");
        var scrape = await platform.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        var text = await scrape.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var samples = PrometheusText(text);

        Assert.Equal(2, samples["arbiter_commands_total{otel_scope_name=\"Arbiter\",command=\"POST /api/v1/orders/{id}/shipment\",outcome=\"ok\"}"]);
        Assert.Equal(1, samples["arbiter_commands_total{otel_scope_name=\"Arbiter\",command=\"POST /api/v1/orders/{id}/shipment\",outcome=\"action_not_allowed_for_role\"}"]);
        Assert.Equal(1, samples["arbiter_timers_fired_total{otel_scope_name=\"Arbiter\",kind=\"seller_response\"}"]);
        Assert.Equal(samples.Where(s => s.Key.StartsWith("arbiter_timers_fired_total{", StringComparison.Ordinal)).Sum(s => s.Value), samples["arbiter_timers_lag_seconds_count{otel_scope_name=\"Arbiter\"}"]);
        Assert.Equal(1, samples["arbiter_disputes_open{otel_scope_name=\"Arbiter\",status=\"awaiting_seller_response\"}"]);
        // The silent seller's refund: pending, or sent once the sandbox's payment simulator takes it on.
        Assert.Equal(1, samples.Where(s => s.Key.StartsWith("arbiter_refunds{", StringComparison.Ordinal) && (s.Key.Contains("\"pending\"", StringComparison.Ordinal) || s.Key.Contains("\"sent\"", StringComparison.Ordinal))).Sum(s => s.Value));
        Assert.Equal(0, samples["arbiter_webhooks_backlog{otel_scope_name=\"Arbiter\"}"]);
        Assert.Contains(samples.Keys, k => k.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal));
        Assert.Contains(samples.Keys, k => k.StartsWith("dotnet_gc_collections_total", StringComparison.Ordinal));

        // The dashboard in docs/ reads only what a node serves.
        var types = TypeLine().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet();
        var dashboard = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docs", "grafana-dashboard.json"), TestContext.Current.CancellationToken);
        var read = Metric().Matches(JsonDocument.Parse(dashboard).RootElement.ToString()).Select(m => m.Value).ToHashSet();
        Assert.Contains("arbiter_timers_lag_seconds_bucket", read);
        var unserved = read.Where(name => !types.Contains(name) && !types.Contains(Suffix().Replace(name, ""))).ToList();
        Assert.True(unserved.Count == 0, $"The dashboard reads what no node serves: {string.Join(", ", unserved)}");
    }

    [Fact]
    public async Task Traces_metrics_and_logs_reach_an_otlp_receiver_and_logs_can_be_json()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var node = await (await TestStorage.NewAsync(Backend)).StartNodeAsync(
            ["--log-format", "json"],
            new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Url,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "arbiter-under-test",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            });
        var platform = node.Client(ArbiterHost.PlatformKey);
        var seller = node.Client(await CreateAccountAsync(platform, "s1", "seller"));
        await CreateAccountAsync(platform, "b1", "buyer");
        await Expect(await platform.PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine("o1")), HttpStatusCode.Created);
        await PostOk(seller, "/api/v1/orders/o1/shipment", new { carrier = "DHL", trackingNumber = "1" });

        // The exporters send on their own schedule, in real time; the receiver says when each signal has come.
        Assert.True(await receiver.ReceivedAsync("/v1/traces", "arbiter.command", "POST /api/v1/orders/{id}/shipment", "arbiter-under-test"), receiver.Said);
        Assert.True(await receiver.ReceivedAsync("/v1/metrics", "arbiter.commands", "arbiter-under-test"), receiver.Said);
        Assert.True(await receiver.ReceivedAsync("/v1/logs", "Application started", "arbiter-under-test"), receiver.Said);

        var lines = node.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith('{')).ToList();
        Assert.Contains(lines, l => JsonDocument.Parse(l).RootElement.GetProperty("Category").GetString() == "Microsoft.Hosting.Lifetime");
    }

    /// <summary>Every sample line of a Prometheus text exposition, by name and labels; fails on a line that is not one.</summary>
    private static Dictionary<string, double> PrometheusText(string text)
    {
        var samples = new Dictionary<string, double>();
        foreach (var line in text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var sample = Sample().Match(line);
            Assert.True(sample.Success, $"not a Prometheus sample: {line}");
            samples[sample.Groups["series"].Value] = double.Parse(sample.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Contains("# TYPE arbiter_commands_total counter", text, StringComparison.Ordinal);
        return samples;
    }

    [GeneratedRegex("""^(?<series>[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})?) (?<value>[-+]?([0-9.eE+-]+|Inf|NaN))( [0-9]+)?$""")]
    private static partial Regex Sample();

    [GeneratedRegex("^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) ", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"\b(arbiter|http_server|dotnet)_[a-z_]+")]
    private static partial Regex Metric();

    [GeneratedRegex("_(bucket|count|sum)$")]
    private static partial Regex Suffix();

    /// <summary>An OTLP/HTTP receiver on loopback: it keeps each request's body by path.</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();

        private OtlpReceiver(int port)
        {
            Url = $"http://127.0.0.1:{port}";
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(Url);
            builder.Logging.ClearProviders();
            _app = builder.Build();
            _app.MapPost("/v1/{signal}", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                _received.Enqueue((request.Path.Value!, body.ToArray()));
                return Results.Ok();
            });
        }

        public string Url { get; }

        public string Said => string.Join(", ", _received.Select(r => $"{r.Path} ({r.Body.Length} bytes)"));

        public static async Task<OtlpReceiver> StartAsync()
        {
            var receiver = new OtlpReceiver(Loopback.FreePort());
            await receiver._app.StartAsync();
            return receiver;
        }

        /// <summary>Whether a request to <paramref name="path"/> carrying every text came within 30 seconds (protobuf keeps strings as UTF-8).</summary>
        public async Task<bool> ReceivedAsync(string path, params string[] texts)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            do
            {
                if (_received.Any(r => r.Path == path && texts.All(t => r.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(t)) >= 0)))
                {
                    return true;
                }
            }
            while (await tick.WaitForNextTickAsync(CancellationToken.None) && !patience.IsCancellationRequested);

            return false;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

public sealed class ObservabilityTestsOnSqlite() : ObservabilityTests(Backend.Sqlite);

public sealed class ObservabilityTestsOnPostgres() : ObservabilityTests(Backend.Postgres)
{
    [Fact]
    public async Task A_node_whose_database_refuses_writes_is_not_ready_until_it_takes_them_again()
    {
        var anonymous = Host.Client("none");
        await SetReadOnlyAsync(true);
        var refused = await ProbeUntilAsync(anonymous, HttpStatusCode.ServiceUnavailable, "read-only");
        Assert.Equal("unready", refused["status"]!.GetValue<string>());
        Assert.Equal("ok", refused["checks"]!["timers"]!.GetValue<string>());

        await SetReadOnlyAsync(false);
        Assert.Equal("ready", (await ProbeUntilAsync(anonymous, HttpStatusCode.OK, "ok"))["status"]!.GetValue<string>());
    }

    /// <summary>
    /// The database goes read-only, as a demoted primary does: new sessions refuse writes, and the
    /// node's pooled ones are ended so that it reconnects to it.
    /// </summary>
    private async Task SetReadOnlyAsync(bool readOnly)
    {
        await using var connection = new NpgsqlConnection(Host.Storage.Connection);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var database = connection.Database;
        await using var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" {(readOnly ? "SET default_transaction_read_only = on" : "RESET default_transaction_read_only")}", connection);
        await alter.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await using var end = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        await end.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Readiness, asked until the write check says <paramref name="write"/> (a pooled session the server ended fails once first).</summary>
    private static async Task<System.Text.Json.Nodes.JsonNode> ProbeUntilAsync(HttpClient client, HttpStatusCode status, string write)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
            var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
            if ((response.StatusCode == status && body["checks"]!["write"]!.GetValue<string>().Contains(write, StringComparison.Ordinal)) || attempt == 5)
            {
                Assert.Equal(status, response.StatusCode);
                Assert.Contains(write, body["checks"]!["write"]!.GetValue<string>(), StringComparison.Ordinal);
                return body;
            }
        }
    }
}
