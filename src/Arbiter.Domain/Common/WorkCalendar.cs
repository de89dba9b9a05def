namespace Arbiter.Domain.Common;

/// <summary>
/// The days a party works: every day in UTC but its region's weekend (Saturday and Sunday unless
/// the policy says otherwise, as Friday and Saturday in Israel) and its public holidays (a seller
/// in China over the Spring Festival), so that a business-day deadline is counted in the days of
/// the party who must act.
/// </summary>
public sealed class WorkCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DayOfWeek>? weekend = null)
{
    public static readonly IReadOnlyList<DayOfWeek> SaturdayAndSunday = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static readonly WorkCalendar Default = new([]);

    private readonly HashSet<DateOnly> _holidays = [.. holidays];

    private readonly HashSet<DayOfWeek> _weekend = [.. weekend ?? SaturdayAndSunday];

    public bool IsWorkDay(DateOnly day) => !_weekend.Contains(day.DayOfWeek) && !_holidays.Contains(day);

    /// <summary>The instant <paramref name="days"/> work days after <paramref name="start"/>, at the same time of day.</summary>
    public DateTimeOffset Add(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var at = start;
        while (days > 0)
        {
            at = at.AddDays(1);
            if (IsWorkDay(DateOnly.FromDateTime(at.UtcDateTime)))
            {
                days--;
            }
        }

        return at;
    }
}
