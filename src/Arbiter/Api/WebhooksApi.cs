using Arbiter.Domain.Common;
using Arbiter.Events;
using Arbiter.Webhooks;

namespace Arbiter.Api;

/// <summary>The platform's webhook endpoints, their deliveries, and the event types they can want.</summary>
internal static class WebhooksApi
{
    private const int MaxOverlapHours = 7 * 24;

    public static void MapWebhooks(this IEndpointRouteBuilder api)
    {
        api.MapGet("/event-types", () => Results.Ok(new EventTypesView(EventTypes.Version, EventTypes.All)))
            .Answers<EventTypesView>().WithTags("Events").WithSummary("The event types a webhook endpoint can subscribe to, with the payload version");
        api.MapGet("/events", EventsOfOrderAsync).Answers<IReadOnlyList<EventPayload>>().WithTags("Events")
            .WithSummary("An order's events in the order they happened, after a sequence number, as webhooks deliver them (platform)");
        api.MapGet("/events/{id}", EventAsync).Answers<EventPayload>().WithTags("Events").WithSummary("One event, as webhooks deliver it (platform)");
        var endpoints = api.MapGroup("/webhook-endpoints").WithTags("Webhooks");
        endpoints.MapPost("/", CreateAsync).Answers<WebhookEndpointView>(StatusCodes.Status201Created)
            .WithSummary("Register an endpoint for some event types (or *); the answer shows its signing secret, once (platform)");
        endpoints.MapGet("/", ListAsync).Answers<IReadOnlyList<WebhookEndpointView>>().WithSummary("List the endpoints (platform)");
        endpoints.MapGet("/{id}", GetAsync).Answers<WebhookEndpointView>().WithSummary("Read an endpoint (platform)");
        endpoints.MapDelete("/{id}", DisableAsync).Answers<WebhookEndpointView>().WithSummary("Stop sending to an endpoint (platform)");
        endpoints.MapPost("/{id}/secret-rotations", RotateAsync).Answers<WebhookEndpointView>(StatusCodes.Status201Created)
            .WithSummary("Give an endpoint a new secret; the previous one keeps signing too for overlapHours (default 24) (platform)");
        endpoints.MapGet("/{id}/deliveries", DeliveriesAsync).Answers<IReadOnlyList<DeliveryView>>()
            .WithSummary("An endpoint's deliveries, newest first, each with every attempt and the receiver's answer (platform)");
        api.MapPost("/webhook-deliveries/{id}/redelivery", RedeliverAsync).Answers<RedeliveryView>(StatusCodes.Status201Created).WithTags("Webhooks")
            .WithSummary("Send a delivery's event to its endpoint again, as a new delivery (platform)");
    }

    private static async Task<IResult> EventsOfOrderAsync(HttpContext http, EventLog log, string? orderId, long? after, int? limit)
    {
        if (PlatformOnly(http) is { } forbidden)
        {
            return forbidden;
        }

        if (Ids.Check(orderId, "orderId") is { } error)
        {
            return Problems.From(error);
        }

        if (limit is < 1 or > 500 || after < 0)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCode.InvalidLimit, "limit must be between 1 and 500, after at least 0.");
        }

        var payloads = await log.OfOrderAsync(orderId!, after ?? 0, limit ?? 100, http.RequestAborted);
        return Results.Content($"[{string.Join(',', payloads)}]", "application/json");
    }

    private static async Task<IResult> EventAsync(HttpContext http, EventLog log, string id) =>
        PlatformOnly(http) ?? (await log.FindAsync(id, http.RequestAborted) is { } payload
            ? Results.Content(payload, "application/json")
            : Problems.From(DomainError.NotFound(ErrorCode.NotFound, "No such event.")));

    private static async Task<IResult> CreateAsync(HttpContext http, WebhookStore store, WebhookTargets targets, TimeProvider clock, WebhookEndpointRequest? body)
    {
        if (PlatformOnly(http) is { } forbidden)
        {
            return forbidden;
        }

        if (body is null)
        {
            return Problems.From(Endpoint.MissingBody);
        }

        var url = await targets.CheckAsync(body.Url, http.RequestAborted);
        if (url.Error is { } refused)
        {
            return Problems.From(refused);
        }

        var types = (body.EventTypes ?? []).Distinct().ToList();
        if (types.Count == 0 || types.Any(t => t != WebhookEndpoint.AllTypes && !EventTypes.Names.Contains(t)))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, ErrorCode.InvalidEventTypes, "eventTypes must list types from GET /api/v1/event-types, or \"*\" for all.");
        }

        if (body.Description?.Length > 200)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, ErrorCode.InvalidDescription, "description must be at most 200 characters.");
        }

        ShownOnce.Mark(http, "secret");
        var endpoint = await store.CreateAsync(url.Value!.ToString(), types, body.Description?.Trim(), clock.GetUtcNow(), http.RequestAborted);
        return Results.Json(WebhookEndpointView.Of(endpoint, showSecret: true), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext http, WebhookStore store) =>
        PlatformOnly(http) ?? Results.Ok((await store.ListAsync(enabledOnly: false, http.RequestAborted)).Select(e => WebhookEndpointView.Of(e, showSecret: false)));

    private static async Task<IResult> GetAsync(HttpContext http, WebhookStore store, string id) =>
        PlatformOnly(http) ?? (await store.FindAsync(id, http.RequestAborted) is { } endpoint ? Results.Ok(WebhookEndpointView.Of(endpoint, showSecret: false)) : NotFound());

    private static async Task<IResult> DisableAsync(HttpContext http, WebhookStore store, string id)
    {
        if (PlatformOnly(http) is { } forbidden)
        {
            return forbidden;
        }

        return await store.DisableAsync(id, http.RequestAborted) && await store.FindAsync(id, http.RequestAborted) is { } endpoint
            ? Results.Ok(WebhookEndpointView.Of(endpoint, showSecret: false))
            : NotFound();
    }

    private static async Task<IResult> RotateAsync(HttpContext http, WebhookStore store, TimeProvider clock, string id, RotationRequest? body)
    {
        if (PlatformOnly(http) is { } forbidden)
        {
            return forbidden;
        }

        var hours = body?.OverlapHours ?? 24;
        if (hours is < 0 or > MaxOverlapHours)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, ErrorCode.InvalidOverlap, $"overlapHours must be between 0 and {MaxOverlapHours}.");
        }

        ShownOnce.Mark(http, "secret");
        return await store.RotateSecretAsync(id, TimeSpan.FromHours(hours), clock.GetUtcNow(), http.RequestAborted) is { } endpoint
            ? Results.Json(WebhookEndpointView.Of(endpoint, showSecret: true), statusCode: StatusCodes.Status201Created)
            : NotFound();
    }

    private static async Task<IResult> DeliveriesAsync(HttpContext http, WebhookStore store, string id, string? status, int? limit)
    {
        if (PlatformOnly(http) is { } forbidden)
        {
            return forbidden;
        }

        if (status is not (null or "pending" or "succeeded" or "failed"))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCode.InvalidStatus, "status must be pending, succeeded or failed.");
        }

        if (limit is < 1 or > 500)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, ErrorCode.InvalidLimit, "limit must be between 1 and 500.");
        }

        if (await store.FindAsync(id, http.RequestAborted) is null)
        {
            return NotFound();
        }

        return Results.Ok((await store.DeliveriesAsync(id, status, limit ?? 100, http.RequestAborted)).Select(DeliveryView.Of));
    }

    private static async Task<IResult> RedeliverAsync(HttpContext http, WebhookStore store, TimeProvider clock, string id)
    {
        if (PlatformOnly(http) is { } forbidden)
        {
            return forbidden;
        }

        return await store.RedeliverAsync(id, clock.GetUtcNow(), http.RequestAborted) is { } delivery
            ? Results.Json(new RedeliveryView(delivery), statusCode: StatusCodes.Status201Created)
            : NotFound();
    }

    private static IResult? PlatformOnly(HttpContext http) =>
        http.Caller().Role == Role.Platform ? null : Problems.From(Endpoint.Forbidden(http.Caller()));

    private static IResult NotFound() => Problems.From(DomainError.NotFound(ErrorCode.NotFound, "No such webhook endpoint or delivery."));
}
