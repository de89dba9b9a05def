namespace Arbiter.Timers;

/// <summary>
/// Runs a pass every second for as long as the node runs. A failed pass is logged and the next
/// tick tries again, so a passing fault never stops the work for good.
/// </summary>
internal abstract class PollingWorker(TimeProvider clock, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>What the log says when a pass fails.</summary>
    protected abstract string Failure { get; }

    protected abstract Task RunPassAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A simulated clock only moves when advanced, possibly on another node: poll it in real time.
        using var timer = new PeriodicTimer(PollInterval, clock is SimulatedClock ? TimeProvider.System : clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Failure}; retrying on the next tick", Failure);
            }
        }
    }
}
