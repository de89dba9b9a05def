using Arbiter.Client;
using Arbiter.Client.Models;
using Arbiter.Tests.Support;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Arbiter.Tests;

/// <summary>
/// A whole dispute driven through the client Kiota generates from <c>docs/openapi.json</c>: typed
/// requests, typed answers, enums for statuses and outcomes, and a refusal as a typed problem with
/// its code; no casts, no model written by hand.
/// </summary>
public abstract class ApiClientTests(Backend backend) : MarketplaceTest(backend)
{
    private static ArbiterClient ClientFor(HttpClient http) =>
        new(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });

    [Fact]
    public async Task A_dispute_goes_from_order_to_refund_through_the_generated_client()
    {
        var ct = TestContext.Current.CancellationToken;
        var (platform, buyer, seller, mediator) = (ClientFor(Market.Platform), ClientFor(Market.Buyer), ClientFor(Market.Seller), ClientFor(Market.Mediator));

        var order = await platform.Api.V1.Orders.PostAsync(
            new CreateOrderRequest
            {
                Id = "k1", BuyerId = "b1", SellerId = "s1", Currency = "USD", ShippingMethod = "standard",
                Lines = [new LineRequest { Id = "l1", Title = "Desk lamp", Quantity = 1, UnitPrice = 2500, Shipping = 500 }],
                Payment = new PaymentRequest { Method = "card", Reference = "pay_k1" },
            },
            cancellationToken: ct);
        Assert.Equal(OrderStatus.Awaiting_shipment, order!.Status);
        Assert.Equal(3000, order.Total);

        await seller.Api.V1.Orders["k1"].Shipment.PostAsync(new ShipmentRequest { Carrier = "DHL", TrackingNumber = "JD1" }, cancellationToken: ct);
        var dispute = await buyer.Api.V1.Orders["k1"].Disputes.PostAsync(
            new ClaimBody { LineId = "l1", Received = true, Reason = ClaimBody_reason.Damaged, Solution = new SolutionRequest { Type = Solution.Refund_only }, Description = "The shade is cracked." },
            cancellationToken: ct);
        Assert.Equal(DisputeStatus.Awaiting_seller_response, dispute!.Status);
        Assert.Equal([DisputeAction.Change_claim, DisputeAction.Cancel, DisputeAction.Send_message, DisputeAction.Add_evidence], dispute.AllowedActions!.Where(a => a is not null).Select(a => a!.Value).Order());
        var id = dispute.Id!;

        await seller.Api.V1.Disputes[id].Reject.PostAsync(new NoteRequest { Note = "It left intact." }, cancellationToken: ct);
        var escalated = await buyer.Api.V1.Disputes[id].Escalate.PostAsync(new NoteRequest { Note = "Please look at the photo." }, cancellationToken: ct);
        Assert.Equal(DisputeStatus.Escalated, escalated!.Status);
        await platform.Api.V1.Clock.Advance.PostAsync(new AdvanceRequest { Minutes = 1 }, cancellationToken: ct);
        var queue = await mediator.Api.V1.Disputes.GetAsync(r => r.QueryParameters.Assignee = "me", ct);
        Assert.Equal(id, Assert.Single(queue!).Id);

        var refused = await Assert.ThrowsAsync<ProblemDetails>(() => buyer.Api.V1.Disputes[id].Decision.PostAsync(new DecisionRequest { Outcome = MediatorOutcome.Full_refund, Note = "Mine." }, cancellationToken: ct));
        Assert.Equal((403, ProblemDetails_code.Action_not_allowed_for_role), (refused.ResponseStatusCode, refused.Code));

        var decided = await mediator.Api.V1.Disputes[id].Decision.PostAsync(
            new DecisionRequest { Outcome = MediatorOutcome.Partial_refund, Amount = 1500, Note = "Half: the shade is cracked, the lamp works." }, cancellationToken: ct);
        Assert.Equal((1500L, DecidedBy.Mediator, false), (decided!.Outcome!.RefundAmount, decided.Outcome.DecidedBy, decided.Outcome.Final));

        await platform.Api.V1.Clock.Advance.PostAsync(new AdvanceRequest { Days = 8 }, cancellationToken: ct);
        var refund = Assert.Single((await mediator.Api.V1.Disputes[id].GetAsync(cancellationToken: ct))!.Refunds!);
        Assert.Equal((1500L, RefundStatus.Pending), (refund.Amount, refund.Status));
        await platform.Api.V1.Refunds[refund.Id!].Sent.PostAsync(new RefundReportRequest { Reference = "re_1" }, cancellationToken: ct);
        await platform.Api.V1.Refunds[refund.Id!].Completed.PostAsync(new RefundReportRequest { Reference = "re_1" }, cancellationToken: ct);

        var done = await buyer.Api.V1.Disputes[id].GetAsync(cancellationToken: ct);
        Assert.Equal(DisputeStatus.Resolved, done!.Status);
        Assert.Equal(RefundStatus.Completed, Assert.Single(done.Refunds!).Status);
        Assert.NotNull(done.FinishedAt);
    }
}

public sealed class ApiClientTestsOnSqlite() : ApiClientTests(Backend.Sqlite);

public sealed class ApiClientTestsOnPostgres() : ApiClientTests(Backend.Postgres);
