using Arbiter.Timers;

namespace Arbiter.Privacy;

/// <summary>
/// Goes on with the erasures under way every second, beside the other nodes, and applies the
/// retention policy every minute (what it erases and prunes is at least days old).
/// </summary>
internal sealed class PrivacyWorker(Erasures erasures, Retention retention, TimeProvider clock, ILogger<PrivacyWorker> logger) : PollingWorker(clock, logger)
{
    private const int PassesPerRetention = 60;
    private int _passes;

    protected override string Failure => "Erasing or applying the retention policy failed";

    protected override async Task RunPassAsync(CancellationToken ct)
    {
        await erasures.RunDueAsync(ct);
        if (_passes++ % PassesPerRetention == 0)
        {
            await retention.RunDueAsync(ct);
        }
    }
}
