namespace Arbiter.Timers;

/// <summary>
/// Catches up on every deadline that fell due while the service was down before it serves
/// requests, then keeps firing deadlines as they fall due, together with the other nodes.
/// </summary>
internal sealed class TimerWorker(TimerEngine engine, TimeProvider clock, ILogger<TimerWorker> logger) : PollingWorker(clock, logger)
{
    protected override string Failure => "Firing deadlines failed";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var fired = await engine.RunDueAsync(cancellationToken);
        if (fired > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Caught up on {Count} deadlines that fell due while stopped", fired);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override Task RunPassAsync(CancellationToken ct) => engine.RunDueAsync(ct);
}
