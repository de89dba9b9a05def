using System.Globalization;
using Arbiter.Storage;

namespace Arbiter.Timers;

/// <summary>
/// The sandbox clock, like a payment API's test clock: it stands still until the platform
/// advances it, and it is persisted so that a restart resumes at the same instant.
/// </summary>
internal sealed class SimulatedClock : TimeProvider
{
    private const string Setting = "simulated_now";
    private readonly SettingsStore _settings;
    private DateTimeOffset _now;

    private SimulatedClock(SettingsStore settings, DateTimeOffset now)
    {
        _settings = settings;
        _now = now;
    }

    public static async Task<SimulatedClock> LoadAsync(SettingsStore settings, DateTimeOffset start)
    {
        var stored = await settings.GetAsync(Setting);
        var now = stored is null ? start : DateTimeOffset.Parse(stored, CultureInfo.InvariantCulture);
        var clock = new SimulatedClock(settings, now);
        await settings.SetAsync(Setting, now.ToString("O", CultureInfo.InvariantCulture));
        return clock;
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public async Task<DateTimeOffset> AdvanceAsync(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        _now += by;
        await _settings.SetAsync(Setting, _now.ToString("O", CultureInfo.InvariantCulture));
        return _now;
    }
}
