using System.Net;
using System.Net.Http.Json;
using System.Text;
using Arbiter.Application;
using Arbiter.Cli;
using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Privacy;
using Arbiter.Storage;
using Arbiter.Testing;
using Arbiter.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>
/// Forgetting an account on request: once nothing of theirs is open, their name, e-mail, words and
/// evidence are gone from every table, they can no longer act, and the books are as they were.
/// </summary>
public abstract class ErasureTests(Backend backend) : MarketplaceTest(backend)
{
    private const string Buyer = "usr:77";
    private const string OrderId = "ord-2026-000777";

    /// <summary>The words only the erased buyer wrote, with their name and address: none may be left anywhere.</summary>
    private static readonly string[] Theirs = ["Zelda", "zelda.quixotic", "QXW-"];

    /// <summary>Words of the others, which stay (and show that the scan finds what is there).</summary>
    private static readonly string[] Others = ["Seller words stay here", "Mediator reasons stay"];

    [Fact]
    public async Task An_erased_buyer_is_gone_from_every_table_and_the_books_are_unchanged()
    {
        var (buyer, disputeId) = await FinishedDisputeAsync();
        var before = await GetAsync(Market.Platform, $"/api/v1/orders/{OrderId}");
        var dispute = await GetAsync(Market.Platform, $"/api/v1/disputes/{disputeId}");
        Assert.Equal(Theirs.Length, (await DatabaseScan.FindAsync(Db, Theirs)).Select(p => p[(p.LastIndexOf(':') + 2)..]).Distinct().Count());

        using var buyerPages = await WebBrowser.SignInAsync(Host, Buyer);
        using var sellerPages = await WebBrowser.SignInAsync(Host, "s1");
        Assert.Contains("Zelda Quixotic", await sellerPages.PageAsync($"/disputes/{disputeId}"), StringComparison.Ordinal);

        var erasure = await Expect(await Market.Platform.PostAsync($"/api/v1/accounts/{Buyer}/erasure", null), HttpStatusCode.Accepted);

        Assert.Equal(("completed", 1), (Text(erasure, "status"), erasure["ordersErased"]!.GetValue<int>()));
        Assert.Empty(await DatabaseScan.FindAsync(Db, Theirs));
        Assert.Equal(Others.Length, (await DatabaseScan.FindAsync(Db, Others)).Select(p => p[(p.LastIndexOf(':') + 2)..]).Distinct().Count());

        // The books and the shape of the history are as they were.
        var after = await GetAsync(Market.Platform, $"/api/v1/orders/{OrderId}");
        Assert.Equal(before["refunds"]!.ToJsonString(), after["refunds"]!.ToJsonString());
        Assert.Equal((Text(before, "status"), before["total"]!.ToJsonString()), (Text(after, "status"), after["total"]!.ToJsonString()));
        var erasedDispute = await GetAsync(Market.Platform, $"/api/v1/disputes/{disputeId}");
        Assert.Equal(dispute["history"]!.AsArray().Select(h => (Text(h!, "action"), Text(h!, "actor"))), erasedDispute["history"]!.AsArray().Select(h => (Text(h!, "action"), Text(h!, "actor"))));
        Assert.Equal("", Text(erasedDispute, "claim.description"));
        Assert.Equal(0, await MaintenanceCommands.AuditAsync(Host.Storage.Options(), TextWriter.Null));

        // The pages say who it was and that their words are gone.
        var page = await sellerPages.PageAsync($"/disputes/{disputeId}");
        Assert.Contains("a buyer whose account was erased", page, StringComparison.Ordinal);
        Assert.Contains("(erased)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("QXW-", page, StringComparison.Ordinal);

        // Nothing lets the account act again.
        using (var signedOut = await buyerPages.GetAsync("/orders"))
        {
            Assert.NotEqual(HttpStatusCode.OK, signedOut.StatusCode);
        }

        await ExpectProblem(await buyer.GetAsync($"/api/v1/orders/{OrderId}"), HttpStatusCode.Unauthorized, "unauthorized");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync($"/api/v1/accounts/{Buyer}/sign-in-links", new { }), HttpStatusCode.Conflict, "account_erased");
        await ExpectProblem(await Market.Platform.PostAsync($"/api/v1/accounts/{Buyer}/token-rotations", null), HttpStatusCode.Conflict, "account_erased");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine("ord-2026-000778", buyerId: Buyer)), HttpStatusCode.Conflict, "account_erased");
        await ExpectProblem(await Market.Seller.GetAsync($"/api/v1/evidence/{dispute["evidence"]![0]!["id"]}"), HttpStatusCode.Gone, "evidence_erased");

        // A stored response that named the account is withdrawn; replaying it runs nothing again.
        await ExpectProblem(await Market.Platform.SendAsync(Delivery()), HttpStatusCode.Gone, "response_withdrawn");

        // Asking again answers the same erasure.
        var again = await Expect(await Market.Platform.PostAsync($"/api/v1/accounts/{Buyer}/erasure", null), HttpStatusCode.Accepted);
        Assert.Equal(erasure.ToJsonString(), again.ToJsonString());
        Assert.Equal(erasure.ToJsonString(), (await GetAsync(Market.Platform, $"/api/v1/accounts/{Buyer}/erasure")).ToJsonString());
    }

    [Fact]
    public async Task An_account_with_anything_open_is_not_erased()
    {
        var buyer = await CreateBuyerAsync();
        await Expect(await Market.Platform.PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine(OrderId, buyerId: Buyer)), HttpStatusCode.Created);
        await ExpectProblem(await Market.Platform.PostAsync($"/api/v1/accounts/{Buyer}/erasure", null), HttpStatusCode.Conflict, "account_has_open_disputes");

        // Received and confirmed, the order is completed, but the buyer may still open a dispute for 15 days.
        await PostOk(Market.Seller, $"/api/v1/orders/{OrderId}/shipment", new { carrier = "DHL", trackingNumber = "1" });
        await PostOk(buyer, $"/api/v1/orders/{OrderId}/confirm-receipt");
        await ExpectProblem(await Market.Platform.PostAsync($"/api/v1/accounts/{Buyer}/erasure", null), HttpStatusCode.Conflict, "account_has_open_disputes");

        await Market.AdvanceAsync(days: 16);
        await Expect(await Market.Platform.PostAsync($"/api/v1/accounts/{Buyer}/erasure", null), HttpStatusCode.Accepted);
        await ExpectProblem(await Market.Platform.PostAsync("/api/v1/accounts/nobody/erasure", null), HttpStatusCode.NotFound, "not_found");
        await ExpectProblem(await Market.Platform.GetAsync("/api/v1/accounts/b1/erasure"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_mediator_in_the_middle_of_a_mediation_is_not_erased_and_one_without_is_no_longer_assigned()
    {
        var dispute = Text(await Market.DisputeAsync("o1"), "id");
        await PostOk(Market.Seller, $"/api/v1/disputes/{dispute}/reject", new { note = "No" });
        await PostOk(Market.Buyer, $"/api/v1/disputes/{dispute}/escalate", new { note = "Help" });
        await Market.AdvanceAsync(minutes: 1); // the assigner gives it to m1, the only mediator, now rather than at its next poll
        Assert.Equal("m1", (await GetAsync(Market.Mediator, $"/api/v1/disputes/{dispute}"))["escalation"]!["assignee"]?.GetValue<string>());
        await ExpectProblem(await Market.Platform.PostAsync("/api/v1/accounts/m1/erasure", null), HttpStatusCode.Conflict, "account_has_open_disputes");

        await Market.CreateAccountAsync("m2", "mediator");
        var erased = await Expect(await Market.Platform.PostAsync("/api/v1/accounts/m2/erasure", null), HttpStatusCode.Accepted);
        Assert.Equal(("completed", 0), (Text(erased, "status"), erased["ordersErased"]!.GetValue<int>()));
        await ExpectProblem(await Market.Mediator.PostAsJsonAsync($"/api/v1/disputes/{dispute}/hand-over", new { to = "m2" }), HttpStatusCode.UnprocessableEntity, "invalid_assignee");
    }

    [Fact]
    public async Task A_seller_with_many_orders_is_erased_a_batch_at_a_time_and_the_rest_in_the_background()
    {
        // A request that does one batch (50 orders) itself, so that the background finishes the rest:
        // here the clock's advance, not the worker's next tick, which would race the first answer.
        await using var host = await ArbiterHost.StartAsync(
            await TestStorage.NewAsync(Backend),
            configure: services =>
            {
                services.AddSingleton(s => new Erasures(s.GetRequiredService<Database>(), s.GetRequiredService<OrderStore>(), s.GetRequiredService<TimeProvider>()) { BatchesWhileAsked = 1 });
                services.Remove(services.Single(d => d.ImplementationType == typeof(PrivacyWorker)));
            });
        var market = await Marketplace.OpenAsync(host);
        for (var i = 1; i <= 60; i++)
        {
            await market.ShippedOrderAsync($"o{i}");
            await PostOk(market.Buyer, $"/api/v1/orders/o{i}/confirm-receipt");
        }

        await market.AdvanceAsync(days: 16);
        var erasure = await Expect(await market.Platform.PostAsync("/api/v1/accounts/s1/erasure", null), HttpStatusCode.Accepted);
        Assert.Equal(("in_progress", 50), (Text(erasure, "status"), erasure["ordersErased"]!.GetValue<int>()));

        await market.AdvanceAsync();

        var done = await GetAsync(market.Platform, "/api/v1/accounts/s1/erasure");
        Assert.Equal(("completed", 60), (Text(done, "status"), done["ordersErased"]!.GetValue<int>()));
        var db = host.Services.GetRequiredService<Database>();
        Assert.Empty(await DatabaseScan.FindAsync(db, "s1@example.test"));
        Assert.Equal(0, await MaintenanceCommands.AuditAsync(host.Storage.Options(), TextWriter.Null));
    }

    [Fact]
    public async Task A_node_that_knows_a_party_from_an_earlier_order_refuses_it_once_another_node_erased_it()
    {
        await CreateBuyerAsync();
        await Expect(await Market.Platform.PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine(OrderId, buyerId: Buyer)), HttpStatusCode.Created);

        // Another node erases the account; this one hears nothing of it.
        await using (var connection = await Db.OpenAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync("UPDATE accounts SET erased_at = 1, region = NULL WHERE id = @Buyer", new { Buyer });
        }

        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine("ord-2026-000778", buyerId: Buyer)), HttpStatusCode.Conflict, "account_erased");
        await ExpectProblem(await Market.Platform.GetAsync("/api/v1/orders/ord-2026-000778"), HttpStatusCode.NotFound, "not_found");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine(OrderId)), HttpStatusCode.Conflict, "order_exists");
    }

    [Fact]
    public async Task An_order_made_as_the_erasure_was_asked_for_is_erased_once_it_finishes()
    {
        await CreateBuyerAsync();
        await Expect(await Market.Platform.PostAsync($"/api/v1/accounts/{Buyer}/erasure", null), HttpStatusCode.Accepted);

        // The order the platform made just before the account was erased, and the erasure it reopens.
        var order = Order.Create(Actor.Platform, new NewOrder(OrderId, Buyer, "s1", "USD", [new NewLine("l1", "Lamp", 1, 1000, 0)], new Payment("card", "p1"), "standard"), Policy.Default, ArbiterHost.Start);
        Assert.NotNull(await Host.Services.GetRequiredService<OrderCommands>().CreateAsync(order.Value!, created => created.Id.Value, partiesStand: false, TestContext.Current.CancellationToken));
        await using (var connection = await Db.OpenAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync("UPDATE erasures SET completed_at = NULL");
        }

        await Market.AdvanceAsync();
        Assert.Equal("in_progress", Text(await GetAsync(Market.Platform, $"/api/v1/accounts/{Buyer}/erasure"), "status"));

        // Not shipped in time, the order is refunded, and finished once the refund is paid.
        await Market.AdvanceAsync(days: 8);
        await PostOk(Market.Platform, $"/api/v1/refunds/{OrderId}-r1/completed", new { reference = "re_1" });
        await Market.AdvanceAsync(hours: 1);

        var erasure = await GetAsync(Market.Platform, $"/api/v1/accounts/{Buyer}/erasure");
        Assert.Equal(("completed", 1), (Text(erasure, "status"), erasure["ordersErased"]!.GetValue<int>()));
    }

    private Database Db => Host.Services.GetRequiredService<Database>();

    private async Task<HttpClient> CreateBuyerAsync()
    {
        var created = await Expect(
            await Market.Platform.PostAsJsonAsync("/api/v1/accounts", new { id = Buyer, role = "buyer", displayName = "Zelda Quixotic", email = "zelda.quixotic@example.test", region = "DE" }),
            HttpStatusCode.Created);
        return Host.Client(Text(created, "token"));
    }

    /// <summary>
    /// A dispute of the buyer's taken to a mediator's partial refund, with their words everywhere
    /// words go (the claim, a message, evidence, an escalation, an answer, a stored response), paid,
    /// and the order completed.
    /// </summary>
    private async Task<(HttpClient Buyer, string DisputeId)> FinishedDisputeAsync()
    {
        var buyer = await CreateBuyerAsync();
        await Expect(await Market.Platform.PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine(OrderId, buyerId: Buyer)), HttpStatusCode.Created);
        await PostOk(Market.Seller, $"/api/v1/orders/{OrderId}/shipment", new { carrier = "DHL", trackingNumber = "1" });
        var evidence = await Expect(
            await buyer.PostAsync($"/api/v1/orders/{OrderId}/evidence", Evidence.File([.. Evidence.PngBytes, .. Encoding.UTF8.GetBytes("QXW-bytes")], "QXW-file-receipt.png", "image/png")),
            HttpStatusCode.Created);
        var dispute = Text(await Expect(
            await buyer.PostAsJsonAsync($"/api/v1/orders/{OrderId}/disputes", new
            {
                lineId = "l1", received = true, reason = "not_as_described", solution = new { type = "refund_only" }, description = "QXW-description of the lamp",
                evidenceIds = new[] { Text(evidence, "id") },
            }),
            HttpStatusCode.Created), "id");
        await ExpectProblem(await Market.Platform.PostAsync($"/api/v1/accounts/{Buyer}/erasure", null), HttpStatusCode.Conflict, "account_has_open_disputes");
        var message = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/disputes/{dispute}/messages") { Content = JsonContent.Create(new { text = "QXW-message: it is broken" }) };
        message.Headers.Add("Idempotency-Key", "message-1");
        await Expect(await buyer.SendAsync(message), HttpStatusCode.Created);
        await Expect(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{dispute}/messages", new { text = "Seller words stay here" }), HttpStatusCode.Created);
        await PostOk(Market.Seller, $"/api/v1/disputes/{dispute}/reject", new { note = "It worked when it left" });
        await PostOk(buyer, $"/api/v1/disputes/{dispute}/escalate", new { note = "QXW-escalation please look" });
        await Expect(await Market.Mediator.PostAsJsonAsync($"/api/v1/disputes/{dispute}/info-requests", new { from = "buyer", question = "A photo?" }), HttpStatusCode.Created);
        await PostOk(buyer, $"/api/v1/disputes/{dispute}/info-requests/ir1/answer", new { text = "QXW-answer see the photo" });
        await PostOk(Market.Mediator, $"/api/v1/disputes/{dispute}/decision", new { outcome = "partial_refund", amount = 500, note = "Mediator reasons stay" });
        await Market.AdvanceAsync(days: 8);
        await PostOk(Market.Platform, $"/api/v1/refunds/{OrderId}-r1/completed", new { reference = "re_1" });
        await Market.AdvanceAsync(days: 70);
        Assert.Equal("completed", Text(await GetAsync(Market.Platform, $"/api/v1/orders/{OrderId}"), "status"));

        // An idempotent request of the platform's, whose stored response (kept a day) names the buyer.
        await Expect(await Market.Platform.SendAsync(Delivery()), HttpStatusCode.OK);
        return (buyer, dispute);
    }

    private static HttpRequestMessage Delivery() => new(HttpMethod.Post, $"/api/v1/orders/{OrderId}/delivery")
    {
        Content = JsonContent.Create(new { }),
        Headers = { { "Idempotency-Key", "delivery-1" } },
    };
}

public sealed class ErasureTestsOnSqlite() : ErasureTests(Backend.Sqlite);

public sealed class ErasureTestsOnPostgres() : ErasureTests(Backend.Postgres);
