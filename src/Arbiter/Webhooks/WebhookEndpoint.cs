namespace Arbiter.Webhooks;

/// <summary>
/// Where the platform wants events: a URL, the event types it subscribes to (<c>*</c> for all), and
/// the secret that signs each delivery. After a rotation the previous secret keeps signing too,
/// until <see cref="PreviousSecretUntil"/>, so the receiver can switch without losing a delivery.
/// Secrets are stored as they are: signing needs them.
/// </summary>
internal sealed record WebhookEndpoint(
    string Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Description,
    string Secret,
    string? PreviousSecret,
    DateTimeOffset? PreviousSecretUntil,
    bool Enabled,
    DateTimeOffset CreatedAt)
{
    public const string AllTypes = "*";

    /// <summary>Whether a subscription to <paramref name="subscribed"/> takes events of <paramref name="type"/>.</summary>
    public static bool Takes(IReadOnlyCollection<string> subscribed, string type) => subscribed.Contains(AllTypes) || subscribed.Contains(type);
}
