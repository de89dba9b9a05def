using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;

namespace Arbiter.Api;

/// <summary>The shared shape of command endpoints: run against the order, map the result to HTTP.</summary>
internal static class Endpoint
{
    public static readonly DomainError MissingBody = DomainError.Invalid(ErrorCode.BodyRequired, "This request needs a JSON body.");

    /// <summary>A command on an order (the domain's guard says who may); answers with the order, or what <paramref name="answer"/> makes of it.</summary>
    public static async Task<IResult> OnOrderAsync(
        HttpContext http, OrderCommands commands, string orderId, Func<Order, Actor, DateTimeOffset, Result> command, Func<Order, object>? answer = null) =>
        OrderId.Parse(orderId) is { } id ? await OnOrderAsync(http, commands, id, command, answer) : Problems.From(OrderCommands.NotFound);

    /// <summary>A command on an order whose id is known good.</summary>
    public static Task<IResult> OnOrderAsync(
        HttpContext http, OrderCommands commands, OrderId orderId, Func<Order, Actor, DateTimeOffset, Result> command, Func<Order, object>? answer = null) =>
        OnOrderAsync(http, commands, orderId, (order, who, now) => command(order, who, now).Done(), (_, order, caller) =>
            Results.Ok(answer is null ? OrderView.Of(order, caller, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()) : answer(order)));

    /// <summary>A command on an order that makes something (a request, ...); <paramref name="answer"/> turns it and the saved order into the answer.</summary>
    public static async Task<IResult> OnOrderAsync<T>(
        HttpContext http, OrderCommands commands, string orderId, Func<Order, Actor, DateTimeOffset, Result<T>> command, Func<T, Order, Caller, IResult> answer) =>
        OrderId.Parse(orderId) is { } id ? await OnOrderAsync(http, commands, id, command, answer) : Problems.From(OrderCommands.NotFound);

    public static async Task<IResult> OnOrderAsync<T>(
        HttpContext http, OrderCommands commands, OrderId orderId, Func<Order, Actor, DateTimeOffset, Result<T>> command, Func<T, Order, Caller, IResult> answer)
    {
        var caller = http.Caller();
        var result = await commands.RunAsync(orderId, caller.CanSee, (order, now) => command(order, caller.Actor, now), (value, order) => answer(value, order, caller), ct: http.RequestAborted);
        return result.Error is { } error ? Problems.From(error) : result.Value!;
    }

    /// <summary>A command on a dispute; answers with <paramref name="created"/> (201) or the dispute (200).</summary>
    public static async Task<IResult> OnDisputeAsync<T>(HttpContext http, CallerDisputes disputes, TimeProvider clock, string disputeId, Func<Dispute, Actor, DateTimeOffset, Result<T>> command, Func<T, object>? created = null)
    {
        var caller = http.Caller();
        var result = await disputes.RunAsync(
            caller,
            disputeId,
            (_, dispute, now) => command(dispute, caller.Actor, now),
            (value, order) => created is not null
                ? Results.Json(created(value), statusCode: StatusCodes.Status201Created)
                : Results.Ok(DisputeView.Of(order, order.Dispute(disputeId)!, caller, clock.GetUtcNow())),
            http.RequestAborted);
        return result.Error is { } error ? Problems.From(error) : result.Value!;
    }

    /// <summary>Reads something an order holds (a refund, a chargeback) by the order its id names; a caller who cannot see the order finds nothing.</summary>
    public static async Task<IResult> ReadOnOrderAsync(HttpContext http, OrderCommands commands, OrderId? orderId, Func<Order, object?> view)
    {
        var order = orderId is { } id ? await commands.ReadAsync(id, http.RequestAborted) : null;
        return order is not null && http.Caller().CanSee(order) && view(order) is { } found ? Results.Ok(found) : Problems.From(OrderCommands.NotFound);
    }

    /// <summary>
    /// A list of what waits for mediators (refunds, chargebacks), for mediators and the platform; the
    /// query must say <c>needsAttention=true</c>, so that a later list of everything cannot change its meaning.
    /// </summary>
    public static async Task<IResult> NeedingAttentionAsync<T>(HttpContext http, bool? needsAttention, string what, Func<CancellationToken, Task<IReadOnlyList<T>>> list)
    {
        var caller = http.Caller();
        if (caller.Role is not (Role.Mediator or Role.Platform))
        {
            return Problems.From(Forbidden(caller));
        }

        return needsAttention == true
            ? Results.Ok(await list(http.RequestAborted))
            : Problems.Of(StatusCodes.Status400BadRequest, ErrorCode.NeedsAttentionRequired, $"List {what} with ?needsAttention=true; read one by its id.");
    }

    public static DomainError Forbidden(Caller caller) =>
        DomainError.Forbidden(ErrorCode.ActionNotAllowedForRole, $"A {caller.Role.ToString().ToLowerInvariant()} cannot do this.");
}

/// <summary>OpenAPI metadata: what a route answers when it works, and the problems it can give.</summary>
internal static class EndpointMetadata
{
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder route, int status = StatusCodes.Status200OK) =>
        route.Produces<T>(status)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
