using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Storage;

namespace Arbiter.Api;

internal static class DisputesApi
{
    public static void MapDisputes(this IEndpointRouteBuilder api)
    {
        var disputes = api.MapGroup("/disputes").WithTags("Disputes");
        disputes.MapGet("/", ListAsync).Answers<IReadOnlyList<DisputeView>>().WithSummary("List the disputes the caller may see, earliest deadline first (the mediator queue: ?status=escalated; a mediator's own: ?assignee=me, nobody's: ?assignee=none, or a mediator's account id; page with ?limit=&offset=)");
        disputes.MapGet("/{id}", GetAsync).Answers<DisputeView>().WithSummary("Read a dispute with its history and what the caller may do now");

        disputes.MapPost("/{id}/accept-claim", (HttpContext h, CallerDisputes c, TimeProvider t, string id) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.AcceptClaim(who, now).Done()))
            .Answers<DisputeView>().WithSummary("Accept the claim as it stands (seller)");
        disputes.MapPost("/{id}/reject", (HttpContext h, CallerDisputes c, TimeProvider t, string id, NoteRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.Reject(who, body?.Note, now).Done()))
            .Answers<DisputeView>().WithSummary("Reject the claim; negotiation starts (seller)");
        disputes.MapPost("/{id}/offers", (HttpContext h, CallerDisputes c, TimeProvider t, string id, OfferRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => body?.Type is { } type ? d.MakeOffer(who, type, body.Amount, body.Note, now, body.Days) : InvalidOfferType, OfferView.Of))
            .Answers<OfferView>(201).WithSummary("Make an offer, or a promise (replacement, wait_for_delivery with days) that keeps the buyer protected; it replaces the pending one (seller)");
        disputes.MapPost("/{id}/offers/{offerId}/accept", (HttpContext h, CallerDisputes c, TimeProvider t, string id, string offerId, ConfirmRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.AcceptOffer(who, offerId, body?.Confirm == true, now).Done()))
            .Answers<DisputeView>().WithSummary("Accept an offer: final, the line can never be disputed again; no_refund needs confirm (buyer)");
        disputes.MapPost("/{id}/offers/{offerId}/decline", (HttpContext h, CallerDisputes c, TimeProvider t, string id, string offerId) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.DeclineOffer(who, offerId, now).Done()))
            .Answers<DisputeView>().WithSummary("Decline an offer (buyer)");
        disputes.MapPut("/{id}/claim", (HttpContext h, CallerDisputes c, TimeProvider t, string id, ClaimBody? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => body is null ? Endpoint.MissingBody : d.ChangeClaim(who, body.ToClaim(), now).Done()))
            .Answers<DisputeView>().WithSummary("Change the claim (buyer)");
        disputes.MapPost("/{id}/cancel", (HttpContext h, CallerDisputes c, TimeProvider t, string id, ConfirmRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.Cancel(who, body?.Confirm == true, now).Done()))
            .Answers<DisputeView>().WithSummary("Cancel the dispute (reopenable while protected) or the escalation (pays the seller) (buyer)");
        disputes.MapPost("/{id}/escalate", (HttpContext h, CallerDisputes c, TimeProvider t, string id, NoteRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.Escalate(who, body?.Note, now).Done()))
            .Answers<DisputeView>().WithSummary("Hand the dispute to a mediator (buyer after the seller responded, seller)");
        disputes.MapPost("/{id}/messages", (HttpContext h, CallerDisputes c, TimeProvider t, string id, MessageRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.SendMessage(who, body?.Text, now), MessageView.Of))
            .Answers<MessageView>(201).WithSummary("Send a message; answers with warnings for the buyer (parties, mediator)");
        disputes.MapPost("/{id}/info-requests", (HttpContext h, CallerDisputes c, TimeProvider t, string id, InfoRequestBody? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.RequestInfo(who, PartiesOf(body?.From), body?.Question, body?.BusinessDays, now), InfoRequestView.Of))
            .Answers<InfoRequestView>(201).WithSummary("Ask a party or both a question with a business-day deadline (mediator)");
        disputes.MapPost("/{id}/info-requests/{rid}/answer", (HttpContext h, CallerDisputes c, TimeProvider t, string id, string rid, AnswerRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.AnswerInfoRequest(who, rid, body?.Text, body?.EvidenceIds, now).Done()))
            .Answers<DisputeView>().WithSummary("Answer the mediator (the party asked)");
        disputes.MapPost("/{id}/decision", (HttpContext h, CallerDisputes c, TimeProvider t, string id, DecisionRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => body?.Outcome is { } outcome
                ? d.Decide(who, outcome, body.Amount, body.ReturnShippingPaidBy, body.Note, now).Done()
                : DomainError.Invalid(ErrorCode.InvalidOutcome, "outcome must be full_refund, full_refund_with_return, partial_refund or no_refund.")))
            .Answers<DisputeView>().WithSummary("Decide the dispute (mediator)");
        disputes.MapPost("/{id}/take", (HttpContext h, CallerDisputes c, TimeProvider t, string id) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.Take(who, now).Done()))
            .Answers<DisputeView>().WithSummary("Take the dispute in mediation: it is assigned to the caller, from nobody or from another mediator (mediator)");
        disputes.MapPost("/{id}/hand-over", HandOverAsync)
            .Answers<DisputeView>().WithSummary("Hand the dispute in mediation to another mediator, named by their account id in to (mediator)");
        disputes.MapPost("/{id}/appeal", (HttpContext h, CallerDisputes c, TimeProvider t, string id, AppealRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.AppealDecision(who, body?.Reason, now).Done()))
            .Answers<DisputeView>().WithSummary("Appeal a mediator's first decision within 7 days, once (buyer, seller)");
        disputes.MapPost("/{id}/return-shipment", (HttpContext h, CallerDisputes c, TimeProvider t, string id, ShipmentRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.ShipReturn(who, body?.Carrier, body?.TrackingNumber, now).Done()))
            .Answers<DisputeView>().WithSummary("Ship the item back with tracking (buyer)");
        disputes.MapPost("/{id}/return-delivery", (HttpContext h, CallerDisputes c, TimeProvider t, string id, DeliveryRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.RecordReturnDelivery(who, body?.DeliveredAt, now).Done()))
            .Answers<DisputeView>().WithSummary("Record the return's delivery (platform)");
        disputes.MapPost("/{id}/return-received", (HttpContext h, CallerDisputes c, TimeProvider t, string id) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.ConfirmReturnReceived(who, now).Done()))
            .Answers<DisputeView>().WithSummary("Confirm the returned item arrived: the refund goes out (seller)");
        disputes.MapPost("/{id}/return-refused", (HttpContext h, CallerDisputes c, TimeProvider t, string id, NoteRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.RefuseReturn(who, body?.Note, now).Done()))
            .Answers<DisputeView>().WithSummary("Dispute the returned item: back to the mediator (seller)");
        disputes.MapPost("/{id}/resume", (HttpContext h, CallerDisputes c, TimeProvider t, string id) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.Resume(who, now).Done()))
            .Answers<DisputeView>().WithSummary("Stop waiting for the parcel: negotiation starts again with a fresh window (buyer)");
        disputes.MapPost("/{id}/replacement-shipment", (HttpContext h, CallerDisputes c, TimeProvider t, string id, ShipmentRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.ShipReplacement(who, body?.Carrier, body?.TrackingNumber, now).Done()))
            .Answers<DisputeView>().WithSummary("Ship the promised replacement with tracking (seller)");
        disputes.MapPost("/{id}/replacement-received", (HttpContext h, CallerDisputes c, TimeProvider t, string id) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.ConfirmReplacement(who, now).Done()))
            .Answers<DisputeView>().WithSummary("The replacement came and is right: resolved, the seller is paid (buyer)");
        disputes.MapPost("/{id}/replacement-problem", (HttpContext h, CallerDisputes c, TimeProvider t, string id, NoteRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.ReportReplacementProblem(who, body?.Note, now).Done()))
            .Answers<DisputeView>().WithSummary("The replacement did not come or is wrong: a mediator decides (buyer)");
    }

    private static readonly DomainError InvalidOfferType = DomainError.Invalid(ErrorCode.InvalidOfferType, "type must be refund_only, return_and_refund, no_refund, replacement or wait_for_delivery.");

    private static Party[] PartiesOf(string? from) => from switch
    {
        "buyer" => [Party.Buyer],
        "seller" => [Party.Seller],
        "both" => [Party.Buyer, Party.Seller],
        _ => [],
    };

    private static async Task<IResult> HandOverAsync(HttpContext http, CallerDisputes disputes, TimeProvider clock, string id, HandOverRequest? body)
    {
        var to = await disputes.AssigneeAsync(body?.To, http.RequestAborted);
        return await Endpoint.OnDisputeAsync(http, disputes, clock, id, (d, who, now) => d.HandOver(who, to, now).Done());
    }

    private static async Task<IResult> GetAsync(HttpContext http, CallerDisputes disputes, TimeProvider clock, string id) =>
        await disputes.ReadAsync(http.Caller(), id, http.RequestAborted) is var (order, dispute)
            ? Results.Ok(DisputeView.Of(order, dispute, http.Caller(), clock.GetUtcNow()))
            : Problems.From(OrderCommands.NotFound);

    private static async Task<IResult> ListAsync(HttpContext http, CallerDisputes disputes, TimeProvider clock, string? status, string? assignee, int? limit, int? offset)
    {
        if (limit is < 1 or > 500 || offset is < 0)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCode.InvalidPaging, "limit must be 1 to 500 (default 100) and offset at least 0.");
        }

        DisputeStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.GetValues<DisputeStatus>().Any(s => Words.Of(s) == status))
            {
                return Problems.Of(StatusCodes.Status400BadRequest, ErrorCode.InvalidStatus, $"status must be one of: {string.Join(", ", Enum.GetValues<DisputeStatus>().Select(Words.Of))}.");
            }

            wanted = Enum.GetValues<DisputeStatus>().First(s => Words.Of(s) == status);
        }

        var caller = http.Caller();
        var whose = assignee switch
        {
            null or "" => default,
            "none" => AssigneeFilter.NoOne,
            "me" => caller.AccountId is { } me ? AssigneeFilter.Of(me) : AssigneeFilter.NoOne,
            _ => AssigneeFilter.Of(assignee),
        };
        var now = clock.GetUtcNow();
        var found = await disputes.ListAsync(caller, wanted, whose, limit ?? 100, offset ?? 0, http.RequestAborted);
        return Results.Ok(found.Select(f => DisputeView.Of(f.Order, f.Dispute, caller, now)).ToList());
    }
}
