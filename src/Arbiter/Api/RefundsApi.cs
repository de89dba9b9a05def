using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;

namespace Arbiter.Api;

/// <summary>
/// Refunds on their way out. Arbiter decides them and announces each as <c>refund.created</c>; the
/// platform's payment system pays it and reports back here. Repeating a report is harmless.
/// </summary>
internal static class RefundsApi
{
    public static void MapRefunds(this IEndpointRouteBuilder api)
    {
        var refunds = api.MapGroup("/refunds").WithTags("Refunds");
        refunds.MapGet("/", (HttpContext http, NeedingAttention attention, bool? needsAttention) =>
            Endpoint.NeedingAttentionAsync(http, needsAttention, "refunds", attention.RefundsAsync)).Answers<IReadOnlyList<RefundView>>()
            .WithSummary("Refunds that failed every attempt and wait for a mediator or the platform to retry them, the longest waiting first (mediator, platform)");
        refunds.MapGet("/{id}", (HttpContext http, OrderCommands c, string id) =>
            Endpoint.ReadOnOrderAsync(http, c, RefundId.Parse(id)?.OrderId, o => o.Refund(id) is { } refund ? RefundView.Of(o, refund) : null)).Answers<RefundView>().WithSummary("Read a refund and how its payment is going");
        refunds.MapPost("/{id}/sent", (HttpContext http, OrderCommands c, string id, RefundReportRequest? body) =>
            OnRefundAsync(http, c, id, (o, who, now) => o.ReportRefundSent(id, body?.Reference, who, now)))
            .Answers<RefundView>().WithSummary("The payment system took the refund on (platform)");
        refunds.MapPost("/{id}/completed", (HttpContext http, OrderCommands c, string id, RefundReportRequest? body) =>
            OnRefundAsync(http, c, id, (o, who, now) => o.ReportRefundCompleted(id, body?.Reference, who, now)))
            .Answers<RefundView>().WithSummary("The money reached the buyer (platform)");
        refunds.MapPost("/{id}/failed", (HttpContext http, OrderCommands c, string id, RefundFailureRequest? body) =>
            OnRefundAsync(http, c, id, (o, who, now) => o.ReportRefundFailed(id, body?.Reason, who, now)))
            .Answers<RefundView>().WithSummary("The payment failed: it is asked for again after a day, then two; after the third failure a mediator must act (platform)");
        refunds.MapPost("/{id}/retry", (HttpContext http, OrderCommands c, string id) =>
            OnRefundAsync(http, c, id, (o, who, now) => o.RetryRefund(id, who, now)))
            .Answers<RefundView>().WithSummary("Ask for a failed refund again, at once (mediator, platform)");
    }

    /// <summary>A report on a refund, run on the order its id names; answers with the refund.</summary>
    private static Task<IResult> OnRefundAsync(HttpContext http, OrderCommands commands, string id, Func<Order, Actor, DateTimeOffset, Result> report) =>
        RefundId.Parse(id)?.OrderId is { } orderId
            ? Endpoint.OnOrderAsync(http, commands, orderId, report, order => RefundView.Of(order, order.Refund(id)!))
            : Task.FromResult(Problems.From(OrderCommands.NotFound));
}
