using System.Net;
using System.Net.Http.Json;
using Arbiter.Tests.Support;

namespace Arbiter.Tests;

/// <summary>Every route, tried by every role: strangers see nothing (404), wrong roles are refused (403).</summary>
public abstract class AuthorizationTests(AuthorizationTests.Fixture fixture)
{
    private const string AllRoles = "platform buyer seller mediator";

    /// <summary>Route, who may call it, and the body to send; {o} and {d} name a fresh escalated order and dispute.</summary>
    private static readonly (string Method, string Path, string Allowed, object? Body)[] Routes =
    [
        ("GET", "/api/v1/orders/{o}", AllRoles, null),
        ("POST", "/api/v1/orders/{o}/shipment", "seller platform", new { carrier = "DHL", trackingNumber = "1" }),
        ("POST", "/api/v1/orders/{o}/delivery", "platform", new { }),
        ("POST", "/api/v1/orders/{o}/confirm-receipt", "buyer", null),
        ("POST", "/api/v1/orders/{o}/cancel", "buyer", null),
        ("POST", "/api/v1/orders/{o}/protection-extensions", "seller", new { days = 5 }),
        ("POST", "/api/v1/orders/{o}/processing-extensions", "seller platform", new { days = 5 }),
        ("POST", "/api/v1/orders/{o}/disputes", "buyer", new { lineId = "l1", received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "Broken." }),
        ("POST", "/api/v1/orders/{o}/evidence", "buyer seller", "file"),
        ("GET", "/api/v1/disputes/{d}", AllRoles, null),
        ("POST", "/api/v1/disputes/{d}/accept-claim", "seller", null),
        ("POST", "/api/v1/disputes/{d}/reject", "seller", new { note = "No" }),
        ("POST", "/api/v1/disputes/{d}/offers", "seller", new { type = "refund_only", amount = 100, note = "Some" }),
        ("POST", "/api/v1/disputes/{d}/offers/of1/accept", "buyer", new { confirm = true }),
        ("POST", "/api/v1/disputes/{d}/offers/of1/decline", "buyer", null),
        ("PUT", "/api/v1/disputes/{d}/claim", "buyer", new { received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "Broken." }),
        ("POST", "/api/v1/disputes/{d}/cancel", "buyer", new { confirm = true }),
        ("POST", "/api/v1/disputes/{d}/escalate", "buyer seller", new { note = "Help" }),
        ("POST", "/api/v1/disputes/{d}/messages", "buyer seller mediator", new { text = "Hello" }),
        ("POST", "/api/v1/disputes/{d}/evidence", "buyer seller", "file"),
        ("POST", "/api/v1/disputes/{d}/info-requests", "mediator", new { from = "buyer", question = "Photo?" }),
        ("POST", "/api/v1/disputes/{d}/info-requests/ir1/answer", "buyer seller", new { text = "Here" }),
        ("POST", "/api/v1/disputes/{d}/decision", "mediator", new { outcome = "no_refund", note = "Fine" }),
        ("POST", "/api/v1/disputes/{d}/appeal", "buyer seller", new { reason = "Unfair" }),
        ("POST", "/api/v1/disputes/{d}/return-shipment", "buyer", new { carrier = "DHL", trackingNumber = "1" }),
        ("POST", "/api/v1/disputes/{d}/return-delivery", "platform", new { }),
        ("POST", "/api/v1/disputes/{d}/return-received", "seller", null),
        ("POST", "/api/v1/disputes/{d}/return-refused", "seller", new { note = "Broken" }),
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
        var (method, path, allowed, body) = Routes[route];
        var orderId = await fixture.EscalatedDisputeAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{o}", orderId).Replace("{d}", $"{orderId}-d1"))
        {
            Content = body switch
            {
                null => null,
                "file" => Evidence.Png(),
                _ => JsonContent.Create(body),
            },
        };

        var response = await fixture.Clients[caller].SendAsync(request);

        var status = response.StatusCode;
        if (caller.StartsWith("other_", StringComparison.Ordinal))
        {
            Assert.Equal(HttpStatusCode.NotFound, status);
        }
        else if (allowed.Split(' ').Contains(caller))
        {
            Assert.True(status is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.InternalServerError),
                $"{caller} {method} {path}: {(int)status} {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, status);
        }
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
        await fixture.EscalatedDisputeAsync();
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
    public async Task Requests_without_a_valid_token_are_unauthorized()
    {
        var anonymous = fixture.Host.Client("not-a-token");
        await Marketplace.ExpectProblem(await anonymous.GetAsync("/api/v1/orders/x"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    public abstract class Fixture(Backend backend) : IAsyncLifetime
    {
        private int _next;

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
        }

        /// <summary>A fresh order whose dispute is escalated, with a pending offer and an open question to both parties.</summary>
        public async Task<string> EscalatedDisputeAsync()
        {
            var orderId = $"o{Interlocked.Increment(ref _next)}";
            var id = $"{orderId}-d1";
            await Market.DisputeAsync(orderId);
            await Marketplace.PostOk(Market.Seller, $"/api/v1/disputes/{id}/reject", new { note = "No" });
            await Marketplace.PostOk(Market.Buyer, $"/api/v1/disputes/{id}/escalate", new { note = "Help" });
            await Marketplace.Expect(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{id}/offers", new { type = "refund_only", amount = 500 }), HttpStatusCode.Created);
            await Marketplace.Expect(await Market.Mediator.PostAsJsonAsync($"/api/v1/disputes/{id}/info-requests", new { from = "both", question = "Photos?" }), HttpStatusCode.Created);
            return orderId;
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            GC.SuppressFinalize(this);
        }
    }
}

public sealed class SqliteMarketplace() : AuthorizationTests.Fixture(Backend.Sqlite);

public sealed class PostgresMarketplace() : AuthorizationTests.Fixture(Backend.Postgres);

public sealed class AuthorizationTestsOnSqlite(SqliteMarketplace fixture) : AuthorizationTests(fixture), IClassFixture<SqliteMarketplace>;

public sealed class AuthorizationTestsOnPostgres(PostgresMarketplace fixture) : AuthorizationTests(fixture), IClassFixture<PostgresMarketplace>;
