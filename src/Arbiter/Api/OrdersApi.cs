using Arbiter.Application;
using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Storage;

namespace Arbiter.Api;

internal static class OrdersApi
{
    public static void MapOrders(this IEndpointRouteBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");
        orders.MapPost("/", CreateAsync).Answers<OrderView>(StatusCodes.Status201Created).WithSummary("Create an order and capture its payment into escrow (platform)");
        orders.MapGet("/{id}", GetAsync).Answers<OrderView>().WithSummary("Read an order with its escrow figures, refunds and disputes");
        orders.MapPost("/{id}/shipment", (HttpContext http, OrderCommands c, string id, ShipmentRequest? body) =>
            Endpoint.OnOrderAsync(http, c, id, (o, who, now) => o.Ship(who, body?.Carrier, body?.TrackingNumber, now)))
            .Answers<OrderView>().WithSummary("Ship with a carrier and tracking number: buyer protection starts");
        orders.MapPost("/{id}/delivery", (HttpContext http, OrderCommands c, string id, DeliveryRequest? body) =>
            Endpoint.OnOrderAsync(http, c, id, (o, who, now) => o.RecordDelivery(who, body?.DeliveredAt, now)))
            .Answers<OrderView>().WithSummary("Record the carrier's delivery (platform)");
        orders.MapPost("/{id}/confirm-receipt", (HttpContext http, OrderCommands c, string id) =>
            Endpoint.OnOrderAsync(http, c, id, (o, who, now) => o.ConfirmReceipt(who, now)))
            .Answers<OrderView>().WithSummary("Confirm receipt: the money is released to the seller at once");
        orders.MapPost("/{id}/cancel", (HttpContext http, OrderCommands c, string id) =>
            Endpoint.OnOrderAsync(http, c, id, (o, who, now) => o.Cancel(who, now)))
            .Answers<OrderView>().WithSummary("Cancel before shipment for a full refund");
        orders.MapPost("/{id}/protection-extensions", (HttpContext http, OrderCommands c, string id, DaysRequest? body) =>
            Endpoint.OnOrderAsync(http, c, id, (o, who, now) => o.ExtendProtection(who, body?.Days ?? 0, now)))
            .Answers<OrderView>().WithSummary("Extend buyer protection by some days (seller)");
        orders.MapPost("/{id}/processing-extensions", (HttpContext http, OrderCommands c, TimeProvider clock, string id, DaysRequest? body) =>
            Endpoint.OnOrderAsync(http, c, id, (o, who, now) => o.ExtendProcessing(who, body?.Days ?? 0, now), (request, order, caller) => request is not null
                ? Results.Json(ExtensionRequestView.Of(request), statusCode: StatusCodes.Status202Accepted)
                : Results.Ok(OrderView.Of(order, caller, clock.GetUtcNow()))))
            .Answers<OrderView>().Produces<ExtensionRequestView>(StatusCodes.Status202Accepted)
            .WithSummary("More processing time: the platform's applies at once (200, the order); the seller's is a request the buyer answers (202, the request)");
        orders.MapPost("/{id}/processing-extensions/{rid}/accept", (HttpContext http, OrderCommands c, string id, string rid) =>
            Endpoint.OnOrderAsync(http, c, id, (o, who, now) => o.AnswerExtensionRequest(who, rid, accept: true, now)))
            .Answers<OrderView>().WithSummary("Agree to the seller's request for more processing time (buyer)");
        orders.MapPost("/{id}/processing-extensions/{rid}/decline", (HttpContext http, OrderCommands c, string id, string rid) =>
            Endpoint.OnOrderAsync(http, c, id, (o, who, now) => o.AnswerExtensionRequest(who, rid, accept: false, now)))
            .Answers<OrderView>().WithSummary("Decline the seller's request for more processing time (buyer)");
        orders.MapPost("/{id}/protection-extension-requests", (HttpContext http, OrderCommands c, string id, ExtensionRequestBody? body) =>
            Endpoint.OnOrderAsync(http, c, id, (o, who, now) => o.RequestProtectionExtension(who, body?.Days ?? 0, body?.Reason, now), (request, _, _) =>
                Results.Json(ExtensionRequestView.Of(request), statusCode: StatusCodes.Status201Created)))
            .Answers<ExtensionRequestView>(StatusCodes.Status201Created).WithSummary("Ask the seller to extend buyer protection (buyer)");
        orders.MapPost("/{id}/protection-extension-requests/{rid}/accept", (HttpContext http, OrderCommands c, string id, string rid) =>
            Endpoint.OnOrderAsync(http, c, id, (o, who, now) => o.AnswerExtensionRequest(who, rid, accept: true, now)))
            .Answers<OrderView>().WithSummary("Extend protection as the buyer asked (seller)");
        orders.MapPost("/{id}/protection-extension-requests/{rid}/decline", (HttpContext http, OrderCommands c, string id, string rid) =>
            Endpoint.OnOrderAsync(http, c, id, (o, who, now) => o.AnswerExtensionRequest(who, rid, accept: false, now)))
            .Answers<OrderView>().WithSummary("Decline the buyer's request for more protection (seller)");
        orders.MapPost("/{id}/disputes", OpenDisputeAsync).Answers<DisputeView>(StatusCodes.Status201Created).WithTags("Disputes").WithSummary("Open a dispute on one line (buyer)");
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CreateOrderRequest? body, OrderCommands commands, AccountStore accounts, Policy policy, TimeProvider clock)
    {
        var actor = http.Caller().Actor;
        if (Order.GuardCreate(actor).Error is { } refused)
        {
            return Problems.From(refused);
        }

        if (body is null)
        {
            return Problems.From(Endpoint.MissingBody);
        }

        if ((Ids.Check(body.BuyerId, "buyerId") ?? Ids.Check(body.SellerId, "sellerId")) is { } idError)
        {
            return Problems.From(idError);
        }

        var parties = await accounts.PartiesAsync(body.BuyerId!, body.SellerId!, fresh: false, http.RequestAborted);
        if (PartiesError(parties, body) is { } partyError)
        {
            return Problems.From(partyError);
        }

        if (body.Lines?.Any(l => l is null) == true)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, ErrorCode.InvalidLine, "Every entry of lines must be a line object with id, title, quantity, unitPrice and shipping.");
        }

        var command = new NewOrder(
            body.Id ?? "",
            body.BuyerId!,
            body.SellerId!,
            body.Currency ?? "",
            [.. (body.Lines ?? []).Select(l => new NewLine(l.Id ?? "", l.Title ?? "", l.Quantity, l.UnitPrice, l.Shipping))],
            new Payment(body.Payment?.Method ?? "", body.Payment?.Reference ?? ""),
            body.ShippingMethod ?? "standard",
            parties[body.BuyerId!].Region,
            parties[body.SellerId!].Region,
            body.ReturnAddress);
        var created = Order.Create(actor, command, policy, clock.GetUtcNow());
        if (!created.IsSuccess)
        {
            return Problems.From(created.Error!);
        }

        if (await commands.CreateAsync(created.Value!, order => OrderView.Of(order, http.Caller(), clock.GetUtcNow()), partiesStand: true, http.RequestAborted) is { } view)
        {
            return Results.Json(view, statusCode: StatusCodes.Status201Created);
        }

        // Not saved: the id is taken, or a party was erased since this node read it.
        return PartiesError(await accounts.PartiesAsync(body.BuyerId!, body.SellerId!, fresh: true, http.RequestAborted), body) is { } erased
            ? Problems.From(erased)
            : Problems.Of(StatusCodes.Status409Conflict, ErrorCode.OrderExists, $"An order with id {command.Id} exists already.");
    }

    private static DomainError? PartiesError(IReadOnlyDictionary<string, OrderParty> parties, CreateOrderRequest body) =>
        PartyError(parties, body.BuyerId!, Role.Buyer) ?? PartyError(parties, body.SellerId!, Role.Seller);

    private static DomainError? PartyError(IReadOnlyDictionary<string, OrderParty> parties, string id, Role role)
    {
        var name = role.ToString().ToLowerInvariant();
        if (!parties.TryGetValue(id, out var actual) || actual.Role != role)
        {
            return DomainError.Invalid(role == Role.Buyer ? ErrorCode.UnknownBuyer : ErrorCode.UnknownSeller, $"{name}Id must name an existing {name} account.");
        }

        return actual.Erased ? AccountsApi.Erased with { Message = $"The {name} account {id} was erased on request: it cannot be a party to a new order." } : null;
    }

    private static async Task<IResult> GetAsync(HttpContext http, OrderCommands commands, TimeProvider clock, string id)
    {
        var order = OrderId.Parse(id) is { } orderId ? await commands.ReadAsync(orderId, http.RequestAborted) : null;
        return order is not null && http.Caller().CanSee(order) ? Results.Ok(OrderView.Of(order, http.Caller(), clock.GetUtcNow())) : Problems.From(OrderCommands.NotFound);
    }

    private static async Task<IResult> OpenDisputeAsync(HttpContext http, OrderCommands commands, TimeProvider clock, string id, ClaimBody? body)
    {
        if (body is null)
        {
            return Problems.From(Endpoint.MissingBody);
        }

        if (OrderId.Parse(id) is not { } orderId)
        {
            return Problems.From(OrderCommands.NotFound);
        }

        var caller = http.Caller();
        var result = await commands.RunAsync(
            orderId,
            caller.CanSee,
            (order, now) => order.OpenDispute(caller.Actor, body.LineId, body.ToClaim(), now),
            (dispute, order) => DisputeView.Of(order, dispute, caller, clock.GetUtcNow()),
            ct: http.RequestAborted);
        return result.Error is { } error ? Problems.From(error) : Results.Json(result.Value, statusCode: StatusCodes.Status201Created);
    }
}
