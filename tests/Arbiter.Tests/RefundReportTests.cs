using System.Net;
using System.Net.Http.Json;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>The platform's payment system reports each refund's fate; a failed refund is retried, then left for a person, never lost.</summary>
public abstract class RefundReportTests(Backend backend) : MarketplaceTest(backend)
{
    [Fact]
    public async Task The_payment_system_reports_a_refund_sent_then_completed_and_order_and_dispute_show_it()
    {
        var refund = await Market.RefundedOrderAsync("o1");
        Assert.Equal("pending", Text(await GetAsync(Market.Buyer, $"/api/v1/refunds/{refund}"), "status"));

        var sent = await PostOk(Market.Platform, $"/api/v1/refunds/{refund}/sent", new { reference = "re_123" });
        Assert.Equal(("sent", "re_123"), (Text(sent, "status"), Text(sent, "reference")));
        Assert.Equal("true", Text(await GetAsync(Market.Buyer, "/api/v1/orders/o1"), "refundProcessing"));

        await PostOk(Market.Platform, $"/api/v1/refunds/{refund}/completed", new { });
        var again = await PostOk(Market.Platform, $"/api/v1/refunds/{refund}/completed", new { });
        Assert.Equal("completed", Text(again, "status"));

        var order = await GetAsync(Market.Buyer, "/api/v1/orders/o1");
        Assert.Equal("false", Text(order, "refundProcessing"));
        Assert.Equal("completed", Text(order["refunds"]![0]!, "status"));
        var dispute = await GetAsync(Market.Buyer, "/api/v1/disputes/o1-d1");
        Assert.Equal("completed", Text(dispute["refunds"]![0]!, "status"));
        var history = order["history"]!.AsArray().Select(h => Text(h!, "action")).Where(a => a.StartsWith("refund_", StringComparison.Ordinal));
        Assert.Equal(["refund_created", "refund_sent", "refund_completed"], history);
    }

    [Fact]
    public async Task A_failed_refund_is_asked_for_again_then_left_for_a_mediator_who_retries_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Market.SubscribeAsync(receiver.Url, "refund.created", "refund.failed", "refund.retried", "refund.needs_attention");
        var refund = await Market.RefundedOrderAsync("o1");

        await PostOk(Market.Platform, $"/api/v1/refunds/{refund}/failed", new { reason = "card expired" });
        await Market.AdvanceAsync(days: 1);
        Assert.Equal(("pending", "2"), Attempt(await GetAsync(Market.Platform, $"/api/v1/refunds/{refund}")));
        await PostOk(Market.Platform, $"/api/v1/refunds/{refund}/failed", new { reason = "card expired" });
        await Market.AdvanceAsync(days: 2);
        await PostOk(Market.Platform, $"/api/v1/refunds/{refund}/failed", new { reason = "account closed" });
        await Market.AdvanceAsync(days: 10);

        var stuck = await GetAsync(Market.Mediator, $"/api/v1/refunds/{refund}");
        Assert.Equal(("failed", "3", "true", "account closed"), (Text(stuck, "status"), Text(stuck, "attempt"), Text(stuck, "needsAttention"), Text(stuck, "failureReason")));
        var waiting = (await GetAsync(Market.Mediator, "/api/v1/refunds?needsAttention=true")).AsArray();
        Assert.Equal([(refund, "o1")], waiting.Select(r => (Text(r!, "id"), Text(r!, "orderId"))));
        var retried = await PostOk(Market.Mediator, $"/api/v1/refunds/{refund}/retry");
        Assert.Equal(("pending", "4"), Attempt(retried));
        Assert.Empty((await GetAsync(Market.Platform, "/api/v1/refunds?needsAttention=true")).AsArray());

        await Market.AdvanceAsync(minutes: 1);
        Assert.Equal(
            ["refund.created", "refund.failed", "refund.retried", "refund.failed", "refund.retried", "refund.failed", "refund.needs_attention", "refund.retried"],
            receiver.Accepted.Select(r => r.EventType));
        var order = await GetAsync(Market.Platform, "/api/v1/orders/o1");
        Assert.Equal("1000", Text(order, "escrow.refunded"));
    }

    [Fact]
    public async Task Only_the_platform_reports_and_bad_reports_get_a_clear_problem()
    {
        var refund = await Market.RefundedOrderAsync("o1");

        await ExpectProblem(await Market.Buyer.PostAsJsonAsync($"/api/v1/refunds/{refund}/completed", new { }), HttpStatusCode.Forbidden, "action_not_allowed_for_role");
        await ExpectProblem(await Market.Seller.PostAsJsonAsync($"/api/v1/refunds/{refund}/retry", new { }), HttpStatusCode.Forbidden, "action_not_allowed_for_role");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync($"/api/v1/refunds/{refund}/failed", new { }), HttpStatusCode.UnprocessableEntity, "reason_required");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync($"/api/v1/refunds/{refund}/retry", new { }), HttpStatusCode.Conflict, "invalid_refund_state");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/refunds/o1-r9/sent", new { }), HttpStatusCode.NotFound, "not_found");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/refunds/nonsense/sent", new { }), HttpStatusCode.NotFound, "not_found");
        await ExpectProblem(await Market.Mediator.GetAsync($"/api/v1/refunds/{refund}"), HttpStatusCode.NotFound, "not_found");
        await ExpectProblem(await Market.Buyer.GetAsync("/api/v1/refunds?needsAttention=true"), HttpStatusCode.Forbidden, "action_not_allowed_for_role");
        await ExpectProblem(await Market.Mediator.GetAsync("/api/v1/refunds"), HttpStatusCode.BadRequest, "needs_attention_required");
    }

    private static (string Status, string Attempt) Attempt(System.Text.Json.Nodes.JsonNode refund) => (Text(refund, "status"), Text(refund, "attempt"));
}

public sealed class RefundReportTestsOnSqlite() : RefundReportTests(Backend.Sqlite);

public sealed class RefundReportTestsOnPostgres() : RefundReportTests(Backend.Postgres);
