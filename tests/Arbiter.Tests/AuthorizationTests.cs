using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Arbiter.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Arbiter.Tests;

/// <summary>
/// Every API route, tried by every role: what a caller may do works, a role that may not is refused
/// (403), and what belongs to someone else stays invisible (404). A route the service maps without a
/// row here fails the suite.
/// </summary>
public abstract class AuthorizationTests(AuthorizationTests.Fixture fixture)
{
    private const string Parties = "buyer seller";
    private const string AllRoles = "platform buyer seller mediator";
    private const string Everyone = "platform buyer seller mediator other_buyer other_seller";
    private const string Strangers = "other_buyer other_seller";

    /// <summary>
    /// Route, who may call it, who must not even see it (else: refused), and the body. In paths, {o} and
    /// {d} name a fresh escalated order and its dispute (a pending offer of1, a question ir1 to both),
    /// {r} a refund that failed every attempt, {e} the buyer's evidence on {d}, {ev} an event of {o},
    /// {w} a fresh webhook endpoint, {wd} one of its deliveries, {a} the buyer's account, {s} the seller's, {u} a fresh unshipped order whose seller asked for more time (er1; on {o}, er1 is the buyer's request for protection), {fresh} a fresh
    /// buyer's account (for what would spoil the buyer's), {c} an open chargeback over a refund already sent (so mediators see it), {erased} a fresh buyer's account that was erased, {new} a fresh id.
    /// </summary>
    internal static readonly (string Method, string Path, string Allowed, string Hidden, object? Body)[] Routes =
    [
        ("POST", "/api/v1/accounts", "platform", "", new { id = "{new}", role = "buyer", displayName = "New", email = "new@example.test" }),
        ("POST", "/api/v1/accounts/{a}/sign-in-links", "platform", "", new { }),
        ("POST", "/api/v1/accounts/{fresh}/token-rotations", "platform", "", null),
        ("POST", "/api/v1/accounts/{fresh}/erasure", "platform", "", null),
        ("GET", "/api/v1/accounts/{erased}/erasure", "platform", "", null),
        ("GET", "/api/v1/sellers/{s}/metrics", "platform buyer seller other_buyer", "", null),
        ("GET", "/api/v1/accounts/{a}/mail-preferences", "platform buyer", "seller mediator other_buyer other_seller", null),
        ("PUT", "/api/v1/accounts/{a}/mail-preferences", "platform buyer", "seller mediator other_buyer other_seller", new { reminders = true }),
        ("POST", "/api/v1/orders", "platform", "", new { id = "{new}", buyerId = "b1", sellerId = "s1", currency = "USD", lines = new[] { new { id = "l1", title = "Lamp", quantity = 1, unitPrice = 100, shipping = 0 } }, payment = new { method = "card", reference = "p" }, shippingMethod = "standard" }),
        ("GET", "/api/v1/orders/{o}", AllRoles, Strangers, null),
        ("POST", "/api/v1/orders/{o}/shipment", "seller platform", Strangers, new { carrier = "DHL", trackingNumber = "1" }),
        ("POST", "/api/v1/orders/{o}/delivery", "platform", Strangers, new { }),
        ("POST", "/api/v1/orders/{o}/confirm-receipt", "buyer", Strangers, null),
        ("POST", "/api/v1/orders/{o}/cancel", "buyer", Strangers, null),
        ("POST", "/api/v1/orders/{o}/protection-extension-requests", "buyer", Strangers, new { days = 5, reason = "Slow post" }),
        ("POST", "/api/v1/orders/{o}/protection-extension-requests/er1/accept", "seller", Strangers, null),
        ("POST", "/api/v1/orders/{o}/protection-extension-requests/er1/decline", "seller", Strangers, null),
        ("POST", "/api/v1/orders/{u}/processing-extensions/er1/accept", "buyer", "mediator other_buyer other_seller", null),
        ("POST", "/api/v1/orders/{u}/processing-extensions/er1/decline", "buyer", "mediator other_buyer other_seller", null),
        ("POST", "/api/v1/orders/{o}/protection-extensions", "seller", Strangers, new { days = 5 }),
        ("POST", "/api/v1/orders/{o}/processing-extensions", "seller platform", Strangers, new { days = 5 }),
        ("POST", "/api/v1/orders/{o}/disputes", "buyer", Strangers, new { lineId = "l1", received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "Broken." }),
        ("POST", "/api/v1/orders/{o}/evidence", Parties, Strangers, "file"),
        ("GET", "/api/v1/disputes", Everyone, "", null),
        ("GET", "/api/v1/disputes/{d}", AllRoles, Strangers, null),
        ("POST", "/api/v1/disputes/{d}/accept-claim", "seller", Strangers, null),
        ("POST", "/api/v1/disputes/{d}/reject", "seller", Strangers, new { note = "No" }),
        ("POST", "/api/v1/disputes/{d}/offers", "seller", Strangers, new { type = "refund_only", amount = 100, note = "Some" }),
        ("POST", "/api/v1/disputes/{d}/offers/of1/accept", "buyer", Strangers, new { confirm = true }),
        ("POST", "/api/v1/disputes/{d}/offers/of1/decline", "buyer", Strangers, null),
        ("PUT", "/api/v1/disputes/{d}/claim", "buyer", Strangers, new { received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "Broken." }),
        ("POST", "/api/v1/disputes/{d}/cancel", "buyer", Strangers, new { confirm = true }),
        ("POST", "/api/v1/disputes/{d}/escalate", Parties, Strangers, new { note = "Help" }),
        ("POST", "/api/v1/disputes/{d}/messages", "buyer seller mediator", Strangers, new { text = "Hello" }),
        ("POST", "/api/v1/disputes/{d}/evidence", Parties, Strangers, "file"),
        ("POST", "/api/v1/disputes/{d}/info-requests", "mediator", Strangers, new { from = "buyer", question = "Photo?" }),
        ("POST", "/api/v1/disputes/{d}/info-requests/ir1/answer", Parties, Strangers, new { text = "Here" }),
        ("POST", "/api/v1/disputes/{d}/take", "mediator", Strangers, null),
        ("POST", "/api/v1/disputes/{d}/hand-over", "mediator", Strangers, new { to = "m2" }),
        ("GET", "/api/v1/disputes?assignee=me", Everyone, "", null),
        ("POST", "/api/v1/disputes/{d}/decision", "mediator", Strangers, new { outcome = "no_refund", note = "Fine" }),
        ("POST", "/api/v1/disputes/{d}/appeal", Parties, Strangers, new { reason = "Unfair" }),
        ("POST", "/api/v1/disputes/{d}/return-shipment", "buyer", Strangers, new { carrier = "DHL", trackingNumber = "1" }),
        ("POST", "/api/v1/disputes/{d}/return-delivery", "platform", Strangers, new { }),
        ("POST", "/api/v1/disputes/{d}/return-received", "seller", Strangers, null),
        ("POST", "/api/v1/disputes/{d}/return-refused", "seller", Strangers, new { note = "Broken" }),
        ("POST", "/api/v1/disputes/{d}/resume", "buyer", Strangers, null),
        ("POST", "/api/v1/disputes/{d}/replacement-shipment", "seller", Strangers, new { carrier = "DHL", trackingNumber = "1" }),
        ("POST", "/api/v1/disputes/{d}/replacement-received", "buyer", Strangers, null),
        ("POST", "/api/v1/disputes/{d}/replacement-problem", "buyer", Strangers, new { note = "Broken too" }),
        ("GET", "/api/v1/evidence/{e}", AllRoles, Strangers, null),
        ("GET", "/api/v1/refunds?needsAttention=true", "platform mediator", "", null),
        ("GET", "/api/v1/refunds/{r}", AllRoles, Strangers, null),
        ("POST", "/api/v1/refunds/{r}/sent", "platform", Strangers, new { reference = "x" }),
        ("POST", "/api/v1/refunds/{r}/completed", "platform", Strangers, new { reference = "x" }),
        ("POST", "/api/v1/refunds/{r}/failed", "platform", Strangers, new { reason = "Declined" }),
        ("POST", "/api/v1/refunds/{r}/retry", "mediator platform", Strangers, null),
        ("POST", "/api/v1/orders/{o}/chargebacks", "platform", Strangers, new { amount = 100, reason = "fraud" }),
        ("GET", "/api/v1/chargebacks?needsAttention=true", "platform mediator", "", null),
        ("GET", "/api/v1/chargebacks/{c}", AllRoles, Strangers, null),
        ("POST", "/api/v1/chargebacks/{c}/won", "platform", Strangers, null),
        ("POST", "/api/v1/chargebacks/{c}/lost", "platform", Strangers, null),
        ("GET", "/api/v1/event-types", Everyone, "", null),
        ("GET", "/api/v1/events?orderId={o}", "platform", "", null),
        ("GET", "/api/v1/events/{ev}", "platform", "", null),
        ("POST", "/api/v1/webhook-endpoints", "platform", "", new { url = "{hook}", eventTypes = new[] { "order.created" } }),
        ("GET", "/api/v1/webhook-endpoints", "platform", "", null),
        ("GET", "/api/v1/webhook-endpoints/{w}", "platform", "", null),
        ("DELETE", "/api/v1/webhook-endpoints/{w}", "platform", "", null),
        ("POST", "/api/v1/webhook-endpoints/{w}/secret-rotations", "platform", "", new { }),
        ("GET", "/api/v1/webhook-endpoints/{w}/deliveries", "platform", "", null),
        ("POST", "/api/v1/webhook-deliveries/{wd}/redelivery", "platform", "", null),
        ("GET", "/api/v1/clock", Everyone, "", null),
        ("POST", "/api/v1/clock/advance", "platform", "", new { minutes = 1 }),
        ("GET", "/metrics", "platform", "", null),
        ("GET", "/health", Everyone, "", null),
        ("GET", "/health/live", Everyone, "", null),
        ("GET", "/health/ready", Everyone, "", null),
    ];

    private static readonly string[] Callers = ["platform", "buyer", "seller", "mediator", "other_buyer", "other_seller"];

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        for (var route = 0; route < Routes.Length; route++)
        {
            foreach (var caller in Callers)
            {
                data.Add(route, caller);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_route_answers_each_role_as_its_rights_say(int route, string caller)
    {
        var (method, template, allowed, hidden, body) = Routes[route];
        var ids = await fixture.DoorsAsync(template + body);
        var request = new HttpRequestMessage(new HttpMethod(method), ids.Fill(template))
        {
            Content = body switch
            {
                null => null,
                "file" => Evidence.Png(),
                _ => new StringContent(ids.Fill(JsonSerializer.Serialize(body, JsonSerializerOptions.Web)), Encoding.UTF8, "application/json"),
            },
        };

        var response = await fixture.Clients[caller].SendAsync(request);

        var status = response.StatusCode;
        var said = $"{caller} {method} {template}: {(int)status} {await response.Content.ReadAsStringAsync()}";
        if (hidden.Split(' ').Contains(caller))
        {
            Assert.True(status == HttpStatusCode.NotFound, said);
        }
        else if (allowed.Split(' ').Contains(caller))
        {
            Assert.True(status is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized) && (int)status < 500, said);
        }
        else
        {
            Assert.True(status == HttpStatusCode.Forbidden, said);
        }
    }

    [Fact]
    public void Every_route_the_service_maps_has_its_row()
    {
        var mapped = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/') is { } route && (route.StartsWith("api/v1/", StringComparison.Ordinal) || route == "metrics" || route.StartsWith("health", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["?"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/').TrimEnd('/')}"))
            .ToHashSet();
        var walked = Routes.Select(r => $"{r.Method} {Pattern(r.Path)}").ToHashSet();

        Assert.Empty(mapped.Except(walked));
        Assert.Empty(walked.Except(mapped));
    }

    [Theory]
    [InlineData("/api/v1/accounts")]
    [InlineData("/api/v1/orders")]
    [InlineData("/api/v1/clock/advance")]
    public async Task Only_the_platform_creates_accounts_and_orders_and_moves_the_clock(string path)
    {
        foreach (var caller in Callers.Where(c => c != "platform"))
        {
            var response = await fixture.Clients[caller].PostAsJsonAsync(path, new { id = "zz", role = "buyer", displayName = "z", days = 1 });
            await Marketplace.ExpectProblem(response, HttpStatusCode.Forbidden, "action_not_allowed_for_role");
        }
    }

    [Fact]
    public async Task Every_role_lists_only_the_disputes_it_may_see()
    {
        await fixture.DoorsAsync("{d}");
        foreach (var (caller, client) in fixture.Clients)
        {
            var listed = await Marketplace.GetAsync(client, "/api/v1/disputes");
            Assert.Equal(caller.StartsWith("other_", StringComparison.Ordinal), listed.AsArray().Count == 0);
        }
    }

    [Fact]
    public async Task A_mediator_cannot_see_a_dispute_that_was_never_escalated()
    {
        var market = fixture.Market;
        var dispute = await market.DisputeAsync("not_escalated");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Clients["mediator"].GetAsync($"/api/v1/disputes/{dispute["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Clients["mediator"].GetAsync("/api/v1/orders/not_escalated")).StatusCode);
    }

    [Fact]
    public async Task Requests_without_a_valid_token_are_unauthorized_but_the_probes_answer()
    {
        var anonymous = fixture.Host.Client("not-a-token");
        await Marketplace.ExpectProblem(await anonymous.GetAsync("/api/v1/orders/x"), HttpStatusCode.Unauthorized, "unauthorized");
        await Marketplace.ExpectProblem(await anonymous.GetAsync("/metrics"), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
    }

    /// <summary>A row's path as the service maps it.</summary>
    private static string Pattern(string path) => path.Split('?')[0]
        .Replace("{o}", "{id}").Replace("{d}", "{id}").Replace("{r}", "{id}").Replace("{c}", "{id}").Replace("{e}", "{id}").Replace("{ev}", "{id}")
        .Replace("{wd}", "{id}").Replace("{w}", "{id}").Replace("{a}", "{id}").Replace("{fresh}", "{id}").Replace("{erased}", "{id}").Replace("{u}", "{id}").Replace("{s}", "{id}").Replace("er1", "{rid}").Replace("of1", "{offerId}").Replace("ir1", "{rid}");

    /// <summary>The ids one case's doors open onto.</summary>
    public sealed record Doors(IReadOnlyDictionary<string, string> Ids)
    {
        public string Fill(string text) => Ids.Aggregate(text, (t, id) => t.Replace(id.Key, id.Value, StringComparison.Ordinal));
    }

    public abstract class Fixture(Backend backend) : IAsyncLifetime
    {
        private int _next;
        private WebhookReceiver _receiver = null!;
        private string _delivery = "";

        public ArbiterHost Host { get; private set; } = null!;

        public Marketplace Market { get; private set; } = null!;

        public Dictionary<string, HttpClient> Clients { get; } = [];

        public async ValueTask InitializeAsync()
        {
            Host = await ArbiterHost.StartAsync(backend);
            Market = await Marketplace.OpenAsync(Host);
            Clients["platform"] = Market.Platform;
            Clients["buyer"] = Market.Buyer;
            Clients["seller"] = Market.Seller;
            Clients["mediator"] = Market.Mediator;
            Clients["other_buyer"] = Host.Client(await Market.CreateAccountAsync("b2", "buyer"));
            Clients["other_seller"] = Host.Client(await Market.CreateAccountAsync("s2", "seller"));
            await Market.CreateAccountAsync("m2", "mediator");

            _receiver = await WebhookReceiver.StartAsync();
            var endpoint = Marketplace.Text(await Market.SubscribeAsync(_receiver.Url, "order.created"), "id");
            await Market.CreateOrderAsync("for_a_delivery");
            for (var i = 0; i < 20 && _receiver.Accepted.Count == 0; i++)
            {
                await Market.AdvanceAsync(minutes: 10);
            }

            _delivery = Marketplace.Text((await Marketplace.GetAsync(Market.Platform, $"/api/v1/webhook-endpoints/{endpoint}/deliveries")).AsArray()[0]!, "id");
        }

        /// <summary>Fresh doors for one case: only what <paramref name="needs"/> (the row's path and body) names is made.</summary>
        public async Task<Doors> DoorsAsync(string needs)
        {
            var n = Interlocked.Increment(ref _next);
            var ids = new Dictionary<string, string> { ["{a}"] = "b1", ["{s}"] = "s1", ["{new}"] = $"new{n}", ["{hook}"] = _receiver.Url, ["{wd}"] = _delivery };
            if (needs.Contains("{o}", StringComparison.Ordinal) || needs.Contains("{d}", StringComparison.Ordinal) || needs.Contains("{e}", StringComparison.Ordinal) || needs.Contains("{ev}", StringComparison.Ordinal))
            {
                var orderId = $"o{n}";
                var id = $"{orderId}-d1";
                await Market.DisputeAsync(orderId);
                await Marketplace.PostOk(Market.Seller, $"/api/v1/disputes/{id}/reject", new { note = "No" });
                await Marketplace.PostOk(Market.Buyer, $"/api/v1/disputes/{id}/escalate", new { note = "Help" });
                await Host.Services.GetRequiredService<Arbiter.Events.Outbox>().RunDueAsync(); // assigned now, not between a case's two looks at the history
                await Marketplace.Expect(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{id}/offers", new { type = "refund_only", amount = 500 }), HttpStatusCode.Created);
                await Marketplace.Expect(await Market.Mediator.PostAsJsonAsync($"/api/v1/disputes/{id}/info-requests", new { from = "both", question = "Photos?" }), HttpStatusCode.Created);
                (ids["{o}"], ids["{d}"]) = (orderId, id);
                if (needs.Contains("{e}", StringComparison.Ordinal))
                {
                    ids["{e}"] = Marketplace.Text(await Marketplace.Expect(await Market.Buyer.PostAsync($"/api/v1/disputes/{id}/evidence", Evidence.Png()), HttpStatusCode.Created), "id");
                }

                if (needs.Contains("{ev}", StringComparison.Ordinal))
                {
                    ids["{ev}"] = Marketplace.Text((await Marketplace.GetAsync(Market.Platform, $"/api/v1/events?orderId={orderId}")).AsArray()[0]!, "id");
                }
            }

            if (needs.Contains("protection-extension-requests/er1", StringComparison.Ordinal))
            {
                await Marketplace.Expect(await Market.Buyer.PostAsJsonAsync($"/api/v1/orders/{ids["{o}"]}/protection-extension-requests", new { days = 5 }), HttpStatusCode.Created);
            }

            if (needs.Contains("{u}", StringComparison.Ordinal))
            {
                ids["{u}"] = $"u{n}";
                await Market.CreateOrderAsync($"u{n}");
                await Marketplace.Expect(await Market.Seller.PostAsJsonAsync($"/api/v1/orders/u{n}/processing-extensions", new { days = 3 }), HttpStatusCode.Accepted);
            }

            if (needs.Contains("{fresh}", StringComparison.Ordinal))
            {
                ids["{fresh}"] = $"fresh{n}";
                await Market.CreateAccountAsync($"fresh{n}", "buyer");
            }

            if (needs.Contains("{erased}", StringComparison.Ordinal))
            {
                ids["{erased}"] = $"erased{n}";
                await Market.CreateAccountAsync($"erased{n}", "buyer");
                await Marketplace.Expect(await Market.Platform.PostAsync($"/api/v1/accounts/erased{n}/erasure", null), HttpStatusCode.Accepted);
            }

            if (needs.Contains("{r}", StringComparison.Ordinal))
            {
                var orderId = $"q{n}";
                await Market.CreateOrderAsync(orderId);
                await Marketplace.PostOk(Market.Buyer, $"/api/v1/orders/{orderId}/cancel");
                ids["{r}"] = $"{orderId}-r1";
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    await Marketplace.PostOk(Market.Platform, $"/api/v1/refunds/{orderId}-r1/failed", new { reason = "Declined" });
                    if (attempt < 2)
                    {
                        await Marketplace.PostOk(Market.Platform, $"/api/v1/refunds/{orderId}-r1/retry");
                    }
                }
            }

            if (needs.Contains("{c}", StringComparison.Ordinal))
            {
                var refund = await Market.RefundedOrderAsync($"k{n}");
                await Marketplace.PostOk(Market.Platform, $"/api/v1/refunds/{refund}/sent", new { reference = "re_1" });
                await Marketplace.Expect(await Market.Platform.PostAsJsonAsync($"/api/v1/orders/k{n}/chargebacks", new { amount = 2299, reason = "fraud" }), HttpStatusCode.Created);
                ids["{c}"] = $"k{n}-c1";
            }

            if (needs.Contains("{w}", StringComparison.Ordinal))
            {
                ids["{w}"] = Marketplace.Text(await Market.SubscribeAsync(_receiver.Url, "order.created"), "id");
            }

            return new Doors(ids);
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await _receiver.DisposeAsync();
            GC.SuppressFinalize(this);
        }
    }
}

public sealed class SqliteMarketplace() : AuthorizationTests.Fixture(Backend.Sqlite);

public sealed class PostgresMarketplace() : AuthorizationTests.Fixture(Backend.Postgres);

public sealed class AuthorizationTestsOnSqlite(SqliteMarketplace fixture) : AuthorizationTests(fixture), IClassFixture<SqliteMarketplace>;

public sealed class AuthorizationTestsOnPostgres(PostgresMarketplace fixture) : AuthorizationTests(fixture), IClassFixture<PostgresMarketplace>;
