namespace Arbiter.Timers;

/// <summary>
/// Catches up on every deadline that fell due while the service was down before it serves
/// requests, then (on the system clock) keeps firing deadlines as they fall due.
/// </summary>
internal sealed class TimerWorker(TimerEngine engine, TimeProvider clock, ILogger<TimerWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var fired = await engine.RunDueAsync(cancellationToken);
        if (fired > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Caught up on {Count} deadlines that fell due while stopped", fired);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (clock is SimulatedClock)
        {
            return;
        }

        using var timer = new PeriodicTimer(PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await engine.RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Firing deadlines failed; retrying on the next tick");
            }
        }
    }
}
