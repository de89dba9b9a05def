using Arbiter.Timers;

namespace Arbiter.Events;

/// <summary>Empties the outbox as events come and as retries fall due, beside the other nodes.</summary>
internal sealed class OutboxWorker(Outbox outbox, TimeProvider clock, ILogger<OutboxWorker> logger) : PollingWorker(clock, logger)
{
    protected override string Failure => "Working through the outbox failed";

    protected override Task RunPassAsync(CancellationToken ct) => outbox.RunDueAsync(ct);
}
