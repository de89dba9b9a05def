using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arbiter.Testing;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>Events leave through the outbox to real HTTP receivers on loopback, signed, in order, at least once.</summary>
public abstract class WebhookTests(Backend backend) : MarketplaceTest(backend)
{
    private static readonly string[] RefundLifecycle =
        ["order.created", "order.shipped", "dispute.opened", "dispute.offer_made", "dispute.offer_accepted", "dispute.resolved", "refund.created", "order.completed"];

    [Fact]
    public async Task A_receiver_that_fails_five_times_then_succeeds_gets_every_event_once_in_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 5);
        await Market.SubscribeAsync(receiver.Url);

        await Market.RefundedOrderAsync("o1");
        await DeliverAllAsync(receiver, RefundLifecycle.Length);

        Assert.Equal(RefundLifecycle, receiver.Accepted.Select(r => r.EventType));
        Assert.Equal(receiver.Accepted.Count, receiver.Accepted.Select(r => r.EventId).Distinct().Count());
        Assert.Equal(5, receiver.Received.Count(r => r.AnsweredWith == 500));
        Assert.All(receiver.Received.Take(5), r => Assert.Equal(receiver.Accepted[0].EventId, r.EventId));
        var sequences = receiver.Accepted.Select(r => JsonNode.Parse(r.Body)!["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(sequences.Order(), sequences);
    }

    [Fact]
    public async Task Every_event_carries_what_happened_and_a_refund_carries_what_a_payment_system_needs()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Market.SubscribeAsync(receiver.Url, "refund.created", "dispute.opened");

        var refundId = await Market.RefundedOrderAsync("o1");
        await DeliverAllAsync(receiver, 2);

        Assert.Equal(["dispute.opened", "refund.created"], receiver.Accepted.Select(r => r.EventType));
        var refund = JsonNode.Parse(receiver.Accepted[1].Body)!;
        Assert.Equal("refund.created", Text(refund, "type"));
        Assert.Equal("1", Text(refund, "version"));
        Assert.Equal("o1", Text(refund, "orderId"));
        Assert.Equal(refundId, Text(refund, "refund.id"));
        Assert.Equal("1000", Text(refund, "refund.amount"));
        Assert.Equal("USD", Text(refund, "refund.currency"));
        Assert.Equal("pending", Text(refund, "refund.status"));
        Assert.Equal("pay_o1", Text(refund, "refund.payment.reference"));
        Assert.Equal(receiver.Accepted[1].EventId, Text(refund, "id"));
        var opened = JsonNode.Parse(receiver.Accepted[0].Body)!;
        Assert.Equal("o1-d1", Text(opened, "dispute.id"));
        Assert.Equal("seller_response", Text(opened, "dispute.deadline.kind"));
        Assert.Equal("buyer:b1", Text(opened, "actor"));
    }

    [Fact]
    public async Task Signatures_verify_with_independent_implementations_also_across_a_secret_rotation()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await Market.SubscribeAsync(receiver.Url, "order.created");
        var oldSecret = Text(endpoint, "secret");
        await Market.CreateOrderAsync("o1");
        await DeliverAllAsync(receiver, 1);
        var first = receiver.Accepted[0];
        Assert.Equal(["valid", "valid"], await VerifyAsync(oldSecret, first));
        Assert.Equal(["invalid", "invalid: No matching signature found"], await VerifyAsync("whsec_" + Convert.ToBase64String(new byte[32]), first));
        Assert.Equal(["invalid", "invalid: No matching signature found"], await VerifyAsync(oldSecret, first with { Body = first.Body.Replace("o1", "o9", StringComparison.Ordinal) }));
        Assert.Equal(first.EventId, first.Standard["webhook-id"]);

        var rotated = await Expect(
            await Market.Platform.PostAsJsonAsync($"/api/v1/webhook-endpoints/{Text(endpoint, "id")}/secret-rotations", new { overlapHours = 24 }),
            HttpStatusCode.Created);
        var newSecret = Text(rotated, "secret");
        Assert.NotEqual(oldSecret, newSecret);
        await Market.CreateOrderAsync("o2");
        await DeliverAllAsync(receiver, 2);
        Assert.Equal(["valid", "valid"], await VerifyAsync(oldSecret, receiver.Accepted[1]));
        Assert.Equal(["valid", "valid"], await VerifyAsync(newSecret, receiver.Accepted[1]));

        await Market.AdvanceAsync(days: 1, minutes: 1);
        await Market.CreateOrderAsync("o3");
        await DeliverAllAsync(receiver, 3);
        Assert.Equal(["invalid", "invalid: No matching signature found"], await VerifyAsync(oldSecret, receiver.Accepted[2]));
        Assert.Equal(["valid", "valid"], await VerifyAsync(newSecret, receiver.Accepted[2]));
        Assert.Null((await GetAsync(Market.Platform, $"/api/v1/webhook-endpoints/{Text(endpoint, "id")}"))["secret"]);

        // A receiver whose clock is more than five minutes past the delivery's refuses it, as the standard says.
        Assert.Equal("invalid: Message timestamp too old", await VerifyWithStandardWebhooksAsync(newSecret, receiver.Accepted[2], lateBy: TimeSpan.FromMinutes(6)));
    }

    /// <summary>What a receiver checking Arbiter's signature (in Python) and one using the Standard Webhooks library (npm) say of a delivery.</summary>
    private static async Task<string[]> VerifyAsync(string secret, ReceivedWebhook delivery) =>
        [await VerifyWithPythonAsync(secret, delivery), await VerifyWithStandardWebhooksAsync(secret, delivery)];

    [Fact]
    public async Task A_restart_in_the_middle_loses_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await Market.SubscribeAsync(receiver.Url);
        await Market.RefundedOrderAsync("o1");
        await Market.AdvanceAsync(minutes: 1);

        await Host.DisposeAsync();
        await using var restarted = await ArbiterHost.StartAsync(Host.Storage);
        var market = Market.Reconnect(restarted);
        for (var i = 0; i < 10 && receiver.Accepted.Count < RefundLifecycle.Length; i++)
        {
            await market.AdvanceAsync(minutes: 10);
        }

        Assert.Equal(RefundLifecycle, receiver.Accepted.Select(r => r.EventType));
    }

    [Fact]
    public async Task Two_nodes_delivering_together_send_each_event_once_in_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Market.SubscribeAsync(receiver.Url);
        await using var second = await ArbiterHost.StartAsync(Host.Storage);
        var other = Market.Reconnect(second);
        for (var i = 1; i <= 5; i++)
        {
            await Market.RefundedOrderAsync($"o{i}");
        }

        // Both nodes send what is due, again and again, on a clock that stands still: a lease (two
        // minutes) cannot run out under a send in flight, so an event sent twice would be the two
        // nodes racing for it. (Moving the clock past a lease while a node is still sending makes a
        // second send legitimate: deliveries are at least once.)
        for (var i = 0; i < 20 && receiver.Accepted.Count < 5 * RefundLifecycle.Length; i++)
        {
            await Task.WhenAll(Market.AdvanceAsync(), other.AdvanceAsync());
        }

        Assert.Equal(5 * RefundLifecycle.Length, receiver.Received.Count);
        Assert.Equal(receiver.Received.Count, receiver.Received.Select(r => r.EventId).Distinct().Count());
        foreach (var order in receiver.Accepted.GroupBy(r => JsonNode.Parse(r.Body)!["orderId"]!.GetValue<string>()))
        {
            Assert.Equal(RefundLifecycle, order.Select(r => r.EventType));
        }
    }

    [Fact]
    public async Task Every_attempt_is_logged_with_the_answer_and_a_delivery_can_be_sent_again_by_hand()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        var endpoint = Text(await Market.SubscribeAsync(receiver.Url, "order.created"), "id");
        await Market.CreateOrderAsync("o1");
        await DeliverAllAsync(receiver, 1);

        var delivery = (await GetAsync(Market.Platform, $"/api/v1/webhook-endpoints/{endpoint}/deliveries")).AsArray().Single()!;
        Assert.Equal("succeeded", Text(delivery, "status"));
        Assert.Equal(["500", "200"], delivery["attemptLog"]!.AsArray().Select(a => Text(a!, "statusCode")));
        Assert.Equal("receiver is down", Text(delivery["attemptLog"]![0]!, "response"));

        var again = await Expect(await Market.Platform.PostAsync($"/api/v1/webhook-deliveries/{Text(delivery, "id")}/redelivery", null), HttpStatusCode.Created);
        await Market.AdvanceAsync(minutes: 1);
        Assert.Equal(2, receiver.Accepted.Count);
        Assert.Equal(receiver.Accepted[0].EventId, receiver.Accepted[1].EventId);
        Assert.Equal(Text(again, "id"), receiver.Accepted[1].DeliveryId);
        await ExpectProblem(await Market.Platform.PostAsync("/api/v1/webhook-deliveries/dlv_nope/redelivery", null), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_delivery_is_retried_with_growing_pauses_for_three_days_then_marked_failed_and_the_order_moves_on()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 10_000);
        var endpoint = Text(await Market.SubscribeAsync(receiver.Url, "order.created", "order.shipped"), "id");
        await Market.ShippedOrderAsync("o1");
        for (var hour = 0; hour < 80; hour++)
        {
            await Market.AdvanceAsync(hours: 1);
        }

        var deliveries = (await GetAsync(Market.Platform, $"/api/v1/webhook-endpoints/{endpoint}/deliveries?status=failed")).AsArray();
        Assert.Equal(["order.shipped", "order.created"], deliveries.Select(d => Text(d!, "eventType")));
        var attempts = deliveries[1]!["attemptLog"]!.AsArray().Select(a => DateTime.Parse(Text(a!, "at"), null, System.Globalization.DateTimeStyles.RoundtripKind)).ToList();
        var pauses = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToList();
        Assert.All(pauses.Zip(pauses.Skip(1)), p => Assert.True(p.Second >= p.First, $"{p.Second} < {p.First}"));
        Assert.True(pauses.Max() <= TimeSpan.FromHours(7), pauses.Max().ToString());
        Assert.True(attempts[^1] - attempts[0] <= TimeSpan.FromDays(3));
        Assert.Contains(receiver.Received, r => r.EventType == "order.shipped");
    }

    [Fact]
    public async Task The_event_log_holds_what_webhooks_deliver_for_a_platform_that_reconciles()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Market.SubscribeAsync(receiver.Url);
        await Market.RefundedOrderAsync("o1");
        await DeliverAllAsync(receiver, RefundLifecycle.Length);

        var log = (await GetAsync(Market.Platform, "/api/v1/events?orderId=o1")).AsArray();
        Assert.Equal(RefundLifecycle, log.Select(e => Text(e!, "type")));
        Assert.Equal(receiver.Accepted.Select(r => JsonNode.Parse(r.Body)!.ToJsonString()), log.Select(e => e!.ToJsonString()));
        var after = Text(log[2]!, "sequence");
        Assert.Equal(RefundLifecycle.Skip(3), (await GetAsync(Market.Platform, $"/api/v1/events?orderId=o1&after={after}")).AsArray().Select(e => Text(e!, "type")));
        Assert.Equal("order.created", Text(await GetAsync(Market.Platform, $"/api/v1/events/{Text(log[0]!, "id")}"), "type"));

        await ExpectProblem(await Market.Buyer.GetAsync("/api/v1/events?orderId=o1"), HttpStatusCode.Forbidden, "action_not_allowed_for_role");
        await ExpectProblem(await Market.Platform.GetAsync("/api/v1/events"), HttpStatusCode.UnprocessableEntity, "invalid_id");
        await ExpectProblem(await Market.Platform.GetAsync("/api/v1/events/evt_nope_1"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Only_the_platform_manages_endpoints_and_bad_registrations_get_a_clear_problem()
    {
        var url = "http://127.0.0.1:9/hooks";
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync("/api/v1/webhook-endpoints", new { url, eventTypes = new[] { "*" } }), HttpStatusCode.Forbidden, "action_not_allowed_for_role");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/webhook-endpoints", new { url = "ftp://x/y", eventTypes = new[] { "*" } }), HttpStatusCode.UnprocessableEntity, "invalid_url");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/webhook-endpoints", new { url, eventTypes = new[] { "order.exploded" } }), HttpStatusCode.UnprocessableEntity, "invalid_event_types");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/webhook-endpoints", new { url, eventTypes = Array.Empty<string>() }), HttpStatusCode.UnprocessableEntity, "invalid_event_types");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/webhook-endpoints/we_nope/secret-rotations", new { overlapHours = 1000 }), HttpStatusCode.UnprocessableEntity, "invalid_overlap");
        await ExpectProblem(await Market.Platform.GetAsync("/api/v1/webhook-endpoints/we_nope/deliveries"), HttpStatusCode.NotFound, "not_found");

        var types = await GetAsync(Market.Buyer, "/api/v1/event-types");
        Assert.Equal("1", Text(types, "version"));
        Assert.Contains("refund.created", types["types"]!.AsArray().Select(t => Text(t!, "name")));
    }

    [Fact]
    public async Task A_disabled_endpoint_gets_nothing_more()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = Text(await Market.SubscribeAsync(receiver.Url), "id");
        await Market.CreateOrderAsync("o1");
        await DeliverAllAsync(receiver, 1);

        var disabled = await Expect(await Market.Platform.DeleteAsync($"/api/v1/webhook-endpoints/{endpoint}"), HttpStatusCode.OK);
        Assert.Equal("false", Text(disabled, "enabled"));
        await Market.CreateOrderAsync("o2");
        await Market.AdvanceAsync(minutes: 1);

        Assert.Single(receiver.Received);
    }

    /// <summary>Advances the simulated clock (which sends what is due) until the receiver has accepted <paramref name="count"/> deliveries.</summary>
    private async Task DeliverAllAsync(WebhookReceiver receiver, int count)
    {
        for (var i = 0; i < 20 && receiver.Accepted.Count < count; i++)
        {
            await Market.AdvanceAsync(minutes: 10);
        }

        Assert.Equal(count, receiver.Accepted.Count);
    }

    /// <summary>What the npm <c>standardwebhooks</c> library says of a delivery, on a receiver whose clock reads the delivery's time (plus <paramref name="lateBy"/>).</summary>
    private static async Task<string> VerifyWithStandardWebhooksAsync(string secret, ReceivedWebhook delivery, TimeSpan lateBy = default)
    {
        var script = Path.Combine(Repository.Root, "tests", "npm", "verify-standard-webhook.mjs");
        var now = long.Parse(delivery.Standard["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture) + (long)lateBy.TotalSeconds;
        var input = new JsonObject
        {
            ["secret"] = secret,
            ["headers"] = new JsonObject(delivery.Standard.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
            ["body"] = delivery.Body,
            ["now"] = now,
        };
        return (await Processes.RunAsync("node", [script], input.ToJsonString(), Path.GetDirectoryName(script))).Output.Trim();
    }

    /// <summary>Checks a delivery's signature with Python's hmac module, knowing nothing of Arbiter's code.</summary>
    private static async Task<string> VerifyWithPythonAsync(string secret, ReceivedWebhook delivery)
    {
        const string Script = """
            import hmac, hashlib, sys
            secret, header = sys.argv[1], sys.argv[2]
            body = sys.stdin.buffer.read()
            fields = [f.split('=', 1) for f in header.split(',')]
            t = [v for k, v in fields if k == 't'][0]
            expected = hmac.new(secret.encode(), t.encode() + b'.' + body, hashlib.sha256).hexdigest()
            print('valid' if any(hmac.compare_digest(expected, v) for k, v in fields if k == 'v1') else 'invalid')
            """;
        return (await Processes.RunAsync("/usr/bin/python3", ["-c", Script, secret, delivery.Signature], delivery.Body)).Output.Trim();
    }
}

public sealed class WebhookTestsOnSqlite() : WebhookTests(Backend.Sqlite);

public sealed class WebhookTestsOnPostgres() : WebhookTests(Backend.Postgres);
