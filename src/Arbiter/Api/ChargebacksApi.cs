using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;

namespace Arbiter.Api;

/// <summary>
/// Chargebacks: the platform reports that a buyer's bank reversed (part of) a payment, and later
/// how the bank decided. From the report on, the order never pays the buyer twice.
/// </summary>
internal static class ChargebacksApi
{
    public static void MapChargebacks(this IEndpointRouteBuilder api)
    {
        api.MapPost("/orders/{id}/chargebacks", (HttpContext http, OrderCommands c, string id, ChargebackRequest? body) => body is null
                ? Task.FromResult(Problems.From(Endpoint.MissingBody))
                : Endpoint.OnOrderAsync(http, c, id, (o, who, now) => o.ReportChargeback(who, body.Amount, body.Reason, body.Reference, now), (chargeback, order, _) =>
                    Results.Json(ChargebackView.Of(order, chargeback), statusCode: StatusCodes.Status201Created)))
            .WithTags("Chargebacks").Answers<ChargebackView>(StatusCodes.Status201Created)
            .WithSummary("Report that the buyer's bank took money back: unsent refunds are withdrawn, open disputes end and no new one opens (platform)");

        var chargebacks = api.MapGroup("/chargebacks").WithTags("Chargebacks");
        chargebacks.MapGet("/", (HttpContext http, NeedingAttention attention, bool? needsAttention) =>
                Endpoint.NeedingAttentionAsync(http, needsAttention, "chargebacks", attention.ChargebacksAsync))
            .Answers<IReadOnlyList<ChargebackView>>()
            .WithSummary("Open chargebacks that pay money a refund already sent pays too, the oldest first: contest them with the refund's reference (mediator, platform)");
        chargebacks.MapGet("/{id}", (HttpContext http, OrderCommands c, string id) =>
                Endpoint.ReadOnOrderAsync(http, c, ChargebackId.Parse(id)?.OrderId, o => o.Chargeback(id) is { } chargeback ? ChargebackView.Of(o, chargeback) : null)).Answers<ChargebackView>().WithSummary("Read a chargeback");
        chargebacks.MapPost("/{id}/won", (HttpContext http, OrderCommands c, string id) => CloseAsync(http, c, id, won: true))
            .Answers<ChargebackView>().WithSummary("The merchant won at the bank: the money comes back, and refunds it replaced go out again (platform)");
        chargebacks.MapPost("/{id}/lost", (HttpContext http, OrderCommands c, string id) => CloseAsync(http, c, id, won: false))
            .Answers<ChargebackView>().WithSummary("The merchant lost at the bank: the buyer keeps the money (platform)");
    }

    private static Task<IResult> CloseAsync(HttpContext http, OrderCommands commands, string id, bool won) =>
        ChargebackId.Parse(id)?.OrderId is { } orderId
            ? Endpoint.OnOrderAsync(http, commands, orderId, (o, who, now) => o.CloseChargeback(who, id, won, now), (chargeback, order, _) => Results.Ok(ChargebackView.Of(order, chargeback)))
            : Task.FromResult(Problems.From(OrderCommands.NotFound));
}
