namespace Arbiter.Timers;

/// <summary>
/// Catches up on every deadline that fell due while the service was down before it serves
/// requests, then keeps firing deadlines as they fall due, together with the other nodes.
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
        // A simulated clock only moves when advanced, possibly on another node: poll it in real time.
        using var timer = new PeriodicTimer(PollInterval, clock is SimulatedClock ? TimeProvider.System : clock);
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
