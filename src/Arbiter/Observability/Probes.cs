using System.Diagnostics;
using Arbiter.Storage;
using Arbiter.Timers;
using Dapper;

namespace Arbiter.Observability;

/// <summary>
/// The probes an orchestrator asks, without a token: <c>/health/live</c> while the process runs, and
/// <c>/health/ready</c> only while the node can read and write its database and has caught up on
/// the deadlines due while it was stopped. A node whose disk or database refuses writes answers 503,
/// naming what failed, and leaves the rotation.
/// </summary>
internal static class Probes
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static void MapProbes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).ExcludeFromDescription();
        app.MapGet("/health/ready", ReadyAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> ReadyAsync(Database db, TimerEngine timers, TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(Patience);
        var checks = new Dictionary<string, string>
        {
            ["read"] = await CheckAsync(() => db.ReadAsync((c, tx) => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations", transaction: tx), patience.Token)),
            // A real commit: a disk that refuses writes, or a database gone read-only, fails here.
            ["write"] = await CheckAsync(() => db.WriteAsync(
                (c, tx) => c.ExecuteAsync(
                    "INSERT INTO settings (name, value) VALUES ('readiness_probe', @at) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    new { at = clock.GetUtcNow().ToString("O") },
                    tx),
                patience.Token)),
            ["timers"] = timers.CaughtUp ? "ok" : "catching up on deadlines due while stopped",
        };
        var ready = checks.Values.All(v => v == "ok");
        if (!ready)
        {
            logs.CreateLogger(typeof(Probes)).LogWarning("Not ready: {Checks}", string.Join("; ", checks.Select(c => $"{c.Key}: {c.Value}")));
        }

        return Results.Json(new { status = ready ? "ready" : "unready", checks }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<string> CheckAsync(Func<Task> check)
    {
        try
        {
            await check();
            return "ok";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Activity.Current?.AddException(e);
            return e.Message;
        }
    }
}
