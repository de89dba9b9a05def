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
        disputes.MapGet("/", ListAsync).WithSummary("List the disputes the caller may see (the mediator queue: ?status=escalated)");
        disputes.MapGet("/{id}", GetAsync).WithSummary("Read a dispute with its history and what the caller may do now");

        disputes.MapPost("/{id}/accept-claim", (HttpContext h, OrderCommands c, TimeProvider t, string id) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.AcceptClaim(who, now).Done()));
        disputes.MapPost("/{id}/reject", (HttpContext h, OrderCommands c, TimeProvider t, string id, NoteRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.Reject(who, body?.Note, now).Done()));
        disputes.MapPost("/{id}/offers", (HttpContext h, OrderCommands c, TimeProvider t, string id, OfferRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => body?.Type is { } type ? d.MakeOffer(who, type, body.Amount, body.Note, now) : InvalidOfferType, Views.Offer));
        disputes.MapPost("/{id}/offers/{offerId}/accept", (HttpContext h, OrderCommands c, TimeProvider t, string id, string offerId, ConfirmRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.AcceptOffer(who, offerId, body?.Confirm == true, now).Done()));
        disputes.MapPost("/{id}/offers/{offerId}/decline", (HttpContext h, OrderCommands c, TimeProvider t, string id, string offerId) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.DeclineOffer(who, offerId, now).Done()));
        disputes.MapPut("/{id}/claim", (HttpContext h, OrderCommands c, TimeProvider t, string id, ClaimBody? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => body is null ? Endpoint.MissingBody : d.ChangeClaim(who, body.ToClaim(), now).Done()));
        disputes.MapPost("/{id}/cancel", (HttpContext h, OrderCommands c, TimeProvider t, string id, ConfirmRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.Cancel(who, body?.Confirm == true, now).Done()));
        disputes.MapPost("/{id}/escalate", (HttpContext h, OrderCommands c, TimeProvider t, string id, NoteRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.Escalate(who, body?.Note, now).Done()));
        disputes.MapPost("/{id}/messages", (HttpContext h, OrderCommands c, TimeProvider t, string id, MessageRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.SendMessage(who, body?.Text, now), Views.Message));
        disputes.MapPost("/{id}/info-requests", (HttpContext h, OrderCommands c, TimeProvider t, string id, InfoRequestBody? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.RequestInfo(who, PartiesOf(body?.From), body?.Question, body?.BusinessDays, now), r => new { r.Id, From = r.Parties, r.Question, DueAt = r.DueAt.UtcDateTime }));
        disputes.MapPost("/{id}/info-requests/{rid}/answer", (HttpContext h, OrderCommands c, TimeProvider t, string id, string rid, AnswerRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.AnswerInfoRequest(who, rid, body?.Text, body?.EvidenceIds, now).Done()));
        disputes.MapPost("/{id}/decision", (HttpContext h, OrderCommands c, TimeProvider t, string id, DecisionRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => body?.Outcome is { } outcome
                ? d.Decide(who, outcome, body.Amount, body.ReturnShippingPaidBy, body.Note, now).Done()
                : DomainError.Invalid("invalid_outcome", "outcome must be full_refund, full_refund_with_return, partial_refund or no_refund.")));
        disputes.MapPost("/{id}/appeal", (HttpContext h, OrderCommands c, TimeProvider t, string id, AppealRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.AppealDecision(who, body?.Reason, now).Done()));
        disputes.MapPost("/{id}/return-shipment", (HttpContext h, OrderCommands c, TimeProvider t, string id, ShipmentRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.ShipReturn(who, body?.Carrier, body?.TrackingNumber, now).Done()));
        disputes.MapPost("/{id}/return-delivery", (HttpContext h, OrderCommands c, TimeProvider t, string id, DeliveryRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.RecordReturnDelivery(who, body?.DeliveredAt, now).Done()));
        disputes.MapPost("/{id}/return-received", (HttpContext h, OrderCommands c, TimeProvider t, string id) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.ConfirmReturnReceived(who, now).Done()));
        disputes.MapPost("/{id}/return-refused", (HttpContext h, OrderCommands c, TimeProvider t, string id, NoteRequest? body) =>
            Endpoint.OnDisputeAsync(h, c, t, id, (d, who, now) => d.RefuseReturn(who, body?.Note, now).Done()));
    }

    private static readonly DomainError InvalidOfferType = DomainError.Invalid("invalid_offer_type", "type must be refund_only, return_and_refund or no_refund.");

    private static Party[] PartiesOf(string? from) => from switch
    {
        "buyer" => [Party.Buyer],
        "seller" => [Party.Seller],
        "both" => [Party.Buyer, Party.Seller],
        _ => [],
    };

    private static async Task<IResult> GetAsync(HttpContext http, OrderCommands commands, TimeProvider clock, string id)
    {
        var caller = http.Caller();
        var order = DisputeIds.OrderOf(id) is { } orderId ? await commands.ReadAsync(orderId, http.RequestAborted) : null;
        return order?.Dispute(id) is { } dispute && caller.CanSee(order, dispute)
            ? Results.Ok(Views.Dispute(order, dispute, caller, clock.GetUtcNow()))
            : Problems.From(OrderCommands.NotFound);
    }

    private static async Task<IResult> ListAsync(HttpContext http, OrderStore store, OrderCommands commands, TimeProvider clock, string? status)
    {
        DisputeStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.GetValues<DisputeStatus>().Any(s => Words.Of(s) == status))
            {
                return Problems.Of(StatusCodes.Status400BadRequest, "invalid_status", $"status must be one of: {string.Join(", ", Enum.GetValues<DisputeStatus>().Select(Words.Of))}.");
            }

            wanted = Enum.GetValues<DisputeStatus>().First(s => Words.Of(s) == status);
        }

        var caller = http.Caller();
        var ids = await store.DisputeIdsAsync(
            caller.Role == Role.Buyer ? caller.AccountId : null,
            caller.Role == Role.Seller ? caller.AccountId : null,
            caller.Role == Role.Mediator,
            wanted?.ToString(),
            http.RequestAborted);
        var now = clock.GetUtcNow();
        var orders = new Dictionary<string, Domain.Orders.Order?>();
        var views = new List<object>();
        foreach (var id in ids)
        {
            var orderId = DisputeIds.OrderOf(id)!;
            if (!orders.TryGetValue(orderId, out var order))
            {
                orders[orderId] = order = await commands.ReadAsync(orderId, http.RequestAborted);
            }

            if (order?.Dispute(id) is { } dispute && caller.CanSee(order, dispute) && (wanted is null || dispute.Status == wanted))
            {
                views.Add(Views.Dispute(order, dispute, caller, now));
            }
        }

        return Results.Ok(views);
    }
}
