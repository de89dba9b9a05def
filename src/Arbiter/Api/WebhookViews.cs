using Arbiter.Events;
using Arbiter.Webhooks;

namespace Arbiter.Api;

/// <summary>The event types a webhook endpoint can subscribe to.</summary>
/// <param name="Version">The version of the event payload.</param>
/// <param name="Types">Every type, with what it means.</param>
internal sealed record EventTypesView(int Version, IReadOnlyList<EventType> Types);

/// <summary>A webhook endpoint; its secret only in the answer that created or rotated it.</summary>
/// <param name="Id">The endpoint's id (opaque).</param>
/// <param name="Url">Where events go.</param>
/// <param name="EventTypes">The types delivered, or <c>*</c> for all.</param>
/// <param name="Description">What the endpoint is, for the operators.</param>
/// <param name="Enabled">Whether events are delivered to it.</param>
/// <param name="CreatedAt">When it was registered (UTC).</param>
/// <param name="Secret">The signing secret (<c>whsec_</c> and base64), only when just created or rotated: keep it.</param>
/// <param name="PreviousSecretValidUntil">Until when the secret before a rotation still signs beside the new one (UTC).</param>
internal sealed record WebhookEndpointView(
    string Id, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled, DateTime CreatedAt, string? Secret, DateTime? PreviousSecretValidUntil)
{
    public static WebhookEndpointView Of(WebhookEndpoint e, bool showSecret) => new(
        e.Id, e.Url, e.EventTypes, e.Description, e.Enabled, e.CreatedAt.UtcDateTime, showSecret ? e.Secret : null, e.PreviousSecretUntil?.UtcDateTime);
}

/// <summary>One attempt to deliver an event.</summary>
/// <param name="Attempt">Which attempt, from 1.</param>
/// <param name="At">When (UTC).</param>
/// <param name="StatusCode">The receiver's HTTP status, when it answered.</param>
/// <param name="Response">The start of the receiver's answer (at most 2000 characters).</param>
/// <param name="Error">Why no answer came (timeout, refused connection), when none did.</param>
/// <param name="DurationMs">How long the attempt took, in milliseconds.</param>
internal sealed record DeliveryAttemptView(int Attempt, DateTime At, int? StatusCode, string? Response, string? Error, long DurationMs);

/// <summary>One event on its way to one endpoint, with every attempt so far.</summary>
/// <param name="Id">The delivery's id (opaque).</param>
/// <param name="EndpointId">The endpoint.</param>
/// <param name="EventId">The event delivered (its <c>id</c>, and the <c>webhook-id</c> header).</param>
/// <param name="EventType">The event's type.</param>
/// <param name="Status"><c>pending</c> (to be tried, or tried again), <c>succeeded</c>, or <c>failed</c> (retries exhausted).</param>
/// <param name="Attempts">How many attempts so far.</param>
/// <param name="NextAttemptAt">When it is tried next, while pending (UTC).</param>
/// <param name="CreatedAt">When it was queued (UTC).</param>
/// <param name="FinishedAt">When it succeeded or failed for good (UTC).</param>
/// <param name="AttemptLog">Every attempt, oldest first.</param>
internal sealed record DeliveryView(
    string Id, string EndpointId, string EventId, string EventType, string Status, int Attempts, DateTime? NextAttemptAt, DateTime CreatedAt, DateTime? FinishedAt,
    IReadOnlyList<DeliveryAttemptView> AttemptLog)
{
    public static DeliveryView Of(Delivery d) => new(
        d.Id, d.EndpointId, d.EventId, d.EventType, d.Status, d.Attempts, d.NextAttemptAt?.UtcDateTime, d.CreatedAt.UtcDateTime, d.FinishedAt?.UtcDateTime,
        [.. d.AttemptLog.Select(a => new DeliveryAttemptView(a.Attempt, a.At.UtcDateTime, a.StatusCode, a.Response, a.Error, a.DurationMs))]);
}

/// <summary>A delivery queued again.</summary>
/// <param name="Id">The new delivery's id.</param>
internal sealed record RedeliveryView(string Id);
