using Arbiter.Events;
using Arbiter.Webhooks;

namespace Arbiter.Api;

internal sealed record EventTypesView(int Version, IReadOnlyList<EventType> Types);

/// <summary>An endpoint; its secret only in the answer that created or rotated it.</summary>
internal sealed record WebhookEndpointView(
    string Id, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled, DateTime CreatedAt, string? Secret, DateTime? PreviousSecretValidUntil)
{
    public static WebhookEndpointView Of(WebhookEndpoint e, bool showSecret) => new(
        e.Id, e.Url, e.EventTypes, e.Description, e.Enabled, e.CreatedAt.UtcDateTime, showSecret ? e.Secret : null, e.PreviousSecretUntil?.UtcDateTime);
}

internal sealed record DeliveryAttemptView(int Attempt, DateTime At, int? StatusCode, string? Response, string? Error, long DurationMs);

internal sealed record DeliveryView(
    string Id, string EndpointId, string EventId, string EventType, string Status, int Attempts, DateTime? NextAttemptAt, DateTime CreatedAt, DateTime? FinishedAt,
    IReadOnlyList<DeliveryAttemptView> AttemptLog)
{
    public static DeliveryView Of(Delivery d) => new(
        d.Id, d.EndpointId, d.EventId, d.EventType, d.Status, d.Attempts, d.NextAttemptAt?.UtcDateTime, d.CreatedAt.UtcDateTime, d.FinishedAt?.UtcDateTime,
        [.. d.AttemptLog.Select(a => new DeliveryAttemptView(a.Attempt, a.At.UtcDateTime, a.StatusCode, a.Response, a.Error, a.DurationMs))]);
}

internal sealed record RedeliveryView(string Id);
