using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arbiter.Cli;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>Chargebacks through the API, as API.md's additions name them: the order never pays the buyer twice.</summary>
public abstract class ChargebackApiTests(Backend backend) : MarketplaceTest(backend)
{
    private async Task<JsonNode> ReportAsync(string orderId, long amount) =>
        await Expect(await Market.Platform.PostAsJsonAsync($"/api/v1/orders/{orderId}/chargebacks", new { amount, reason = "13.1 merchandise not received", reference = "cb_1" }), HttpStatusCode.Created);

    private async Task AuditPassesAsync()
    {
        var report = new StringWriter();
        Assert.True(await MaintenanceCommands.AuditAsync(Host.Storage.Options(), report) == 0, report.ToString());
    }

    [Fact]
    public async Task A_chargeback_ends_the_dispute_stops_new_ones_and_a_won_one_gives_the_money_back()
    {
        var dispute = await Market.DisputeAsync("o1");

        var chargeback = await ReportAsync("o1", 2299);

        Assert.Equal(("o1-c1", "2299", "open"), (Text(chargeback, "id"), Text(chargeback, "amount"), Text(chargeback, "status")));
        var ended = await GetAsync(Market.Buyer, $"/api/v1/disputes/{Text(dispute, "id")}");
        Assert.Equal(("resolved", "chargeback", "0"), (Text(ended, "status"), Text(ended, "outcome.decidedBy"), Text(ended, "outcome.refundAmount")));
        var order = await GetAsync(Market.Buyer, "/api/v1/orders/o1");
        Assert.Equal(("2299", "0", "o1-c1"), (Text(order, "escrow.chargedBack"), Text(order, "escrow.held"), Text(order["chargebacks"]![0]!, "id")));
        Assert.DoesNotContain("open_dispute", order["allowedActions"]!.AsArray().Select(a => a!.ToString()));
        await ExpectProblem(
            await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/disputes", new { lineId = "l1", received = true, reason = "not_as_described", solution = new { type = "refund_only" }, description = "Again." }),
            HttpStatusCode.Conflict, "chargeback_open");
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/confirm-receipt", new { }), HttpStatusCode.Conflict, "chargeback_open");

        var won = await PostOk(Market.Platform, "/api/v1/chargebacks/o1-c1/won");

        Assert.Equal("won", Text(won, "status"));
        var after = await GetAsync(Market.Platform, "/api/v1/orders/o1");
        // The dispute ended with the chargeback: the seller is paid what the bank gave back.
        Assert.Equal(("0", "0", "2299", "completed"), (Text(after, "escrow.chargedBack"), Text(after, "escrow.held"), Text(after, "escrow.released"), Text(after, "status")));
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/chargebacks/o1-c1/lost", new { }), HttpStatusCode.Conflict, "invalid_chargeback_state");
        var events = (await GetAsync(Market.Platform, "/api/v1/events?orderId=o1")).AsArray().Select(e => Text(e!, "type")).ToList();
        Assert.Contains("chargeback.opened", events);
        Assert.Contains("chargeback.won", events);
        await AuditPassesAsync();
    }

    [Fact]
    public async Task A_refund_not_yet_sent_is_withdrawn_and_what_the_bank_does_not_cover_goes_out_again()
    {
        var refundId = await Market.RefundedOrderAsync("o1");

        await ReportAsync("o1", 400);

        var order = await GetAsync(Market.Buyer, "/api/v1/orders/o1");
        var refunds = order["refunds"]!.AsArray();
        Assert.Equal(("cancelled", "o1-c1"), (Text(refunds[0]!, "status"), Text(refunds[0]!, "withdrawnFor")));
        Assert.Equal(("o1-r2", "600", "pending"), (Text(refunds[1]!, "id"), Text(refunds[1]!, "amount"), Text(refunds[1]!, "status")));
        Assert.Equal(("600", "400"), (Text(order, "escrow.refunded"), Text(order, "escrow.chargedBack")));
        await ExpectProblem(await Market.Platform.PostAsJsonAsync($"/api/v1/refunds/{refundId}/completed", new { reference = "re_late" }), HttpStatusCode.Conflict, "invalid_refund_state");
        var cancelled = (await GetAsync(Market.Platform, "/api/v1/events?orderId=o1")).AsArray().Single(e => Text(e!, "type") == "refund.cancelled")!;
        Assert.Equal((refundId, "cancelled", "o1-c1"), (Text(cancelled, "refundId"), Text(cancelled, "refund.status"), Text(cancelled, "chargeback.id")));

        var lost = await PostOk(Market.Platform, "/api/v1/chargebacks/o1-c1/lost");

        Assert.Equal("lost", Text(lost, "status"));
        await AuditPassesAsync();
    }

    [Fact]
    public async Task A_chargeback_over_a_refund_already_sent_waits_for_the_mediators()
    {
        var refundId = await Market.RefundedOrderAsync("o1");
        await PostOk(Market.Platform, $"/api/v1/refunds/{refundId}/sent", new { reference = "re_9" });

        var chargeback = await ReportAsync("o1", 2299);

        Assert.Equal(("1299", "1000", "true", $"[\"{refundId}\"]"), (Text(chargeback, "chargedBack"), Text(chargeback, "overlap"), Text(chargeback, "needsAttention"), Text(chargeback, "refundsAlreadySent")));
        var listed = (await GetAsync(Market.Mediator, "/api/v1/chargebacks?needsAttention=true")).AsArray().Single()!;
        Assert.Equal("o1-c1", Text(listed, "id"));
        Assert.Equal("1000", Text((await GetAsync(Market.Mediator, "/api/v1/orders/o1"))["chargebacks"]![0]!, "overlap"));
        await ExpectProblem(await Market.Mediator.GetAsync("/api/v1/chargebacks"), HttpStatusCode.BadRequest, "needs_attention_required");
        await ExpectProblem(await Market.Buyer.GetAsync("/api/v1/chargebacks?needsAttention=true"), HttpStatusCode.Forbidden, "action_not_allowed_for_role");

        await PostOk(Market.Platform, "/api/v1/chargebacks/o1-c1/lost");

        Assert.Empty((await GetAsync(Market.Mediator, "/api/v1/chargebacks?needsAttention=true")).AsArray());
        await AuditPassesAsync();
    }

    [Fact]
    public async Task Reports_that_would_pay_more_than_was_paid_or_say_nothing_are_refused()
    {
        await Market.ShippedOrderAsync("o1");

        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/orders/o1/chargebacks", new { amount = 2300, reason = "fraud" }), HttpStatusCode.UnprocessableEntity, "chargeback_exceeds_payment");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/orders/o1/chargebacks", new { amount = 100 }), HttpStatusCode.UnprocessableEntity, "reason_required");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/orders/o1/chargebacks", new { amount = 0, reason = "fraud" }), HttpStatusCode.UnprocessableEntity, "invalid_amount");
        await ExpectProblem(await Market.Platform.PostAsync("/api/v1/orders/o1/chargebacks", JsonContent.Create<object?>(null)), HttpStatusCode.UnprocessableEntity, "body_required");
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/chargebacks", new { amount = 100, reason = "fraud" }), HttpStatusCode.Forbidden, "action_not_allowed_for_role");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/chargebacks/o1-c1/won", new { }), HttpStatusCode.NotFound, "not_found");
        await ExpectProblem(await Market.Platform.GetAsync("/api/v1/chargebacks/o1-c1"), HttpStatusCode.NotFound, "not_found");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/orders/o9/chargebacks", new { amount = 100, reason = "fraud" }), HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await GetAsync(Market.Platform, "/api/v1/orders/o1"))["chargebacks"]!.AsArray());
    }
}

public sealed class ChargebackApiTestsOnSqlite() : ChargebackApiTests(Backend.Sqlite);

public sealed class ChargebackApiTestsOnPostgres() : ChargebackApiTests(Backend.Postgres);
