using System.Globalization;
using Arbiter.Storage;
using Dapper;

namespace Arbiter.Timers;

/// <summary>
/// The sandbox clock, like a payment API's test clock: it stands still until the platform
/// advances it. Its instant lives in the database, so every node and every restart agree on it;
/// each node refreshes its copy before a request and before firing timers.
/// </summary>
internal sealed class SimulatedClock : TimeProvider
{
    private const string Setting = "simulated_now_ms";
    private readonly Database _db;
    private long _nowMs;

    private SimulatedClock(Database db, long nowMs)
    {
        _db = db;
        _nowMs = nowMs;
    }

    /// <summary>The clock as stored, or a new one starting at <paramref name="start"/>.</summary>
    public static async Task<SimulatedClock> LoadAsync(Database db, DateTimeOffset start)
    {
        await db.WriteAsync((connection, tx) => connection.ExecuteAsync(
            "INSERT INTO settings (name, value) VALUES (@Setting, @value) ON CONFLICT (name) DO NOTHING",
            new { Setting, value = start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
            tx));
        var clock = new SimulatedClock(db, 0);
        await clock.RefreshAsync();
        return clock;
    }

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref _nowMs));

    /// <summary>Takes over what another node may have advanced to; time never goes back.</summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        await using var connection = await _db.OpenAsync(ct);
        var stored = long.Parse(await connection.ExecuteScalarAsync<string>("SELECT value FROM settings WHERE name = @Setting", new { Setting }) ?? "0", CultureInfo.InvariantCulture);
        Raise(stored);
    }

    /// <summary>Moves the shared clock forward atomically, also when several nodes advance at once.</summary>
    public async Task<DateTimeOffset> AdvanceAsync(TimeSpan by, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        var advanced = await _db.WriteAsync((connection, tx) => connection.ExecuteScalarAsync<string>(
            "UPDATE settings SET value = CAST(CAST(value AS BIGINT) + @delta AS TEXT) WHERE name = @Setting RETURNING value",
            new { Setting, delta = (long)by.TotalMilliseconds },
            tx), ct);
        Raise(long.Parse(advanced!, CultureInfo.InvariantCulture));
        return GetUtcNow();
    }

    private void Raise(long toMs)
    {
        var current = Interlocked.Read(ref _nowMs);
        while (toMs > current && Interlocked.CompareExchange(ref _nowMs, toMs, current) != current)
        {
            current = Interlocked.Read(ref _nowMs);
        }
    }
}
