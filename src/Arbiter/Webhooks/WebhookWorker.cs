using Arbiter.Timers;

namespace Arbiter.Webhooks;

/// <summary>Sends what the outbox holds as it comes, and retries as retries fall due, beside the other nodes.</summary>
internal sealed class WebhookWorker(WebhookDispatcher dispatcher, TimeProvider clock, ILogger<WebhookWorker> logger) : PollingWorker(clock, logger)
{
    protected override string Failure => "Delivering webhooks failed";

    protected override Task RunPassAsync(CancellationToken ct) => dispatcher.RunDueAsync(ct);
}
