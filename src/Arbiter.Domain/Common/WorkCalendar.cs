namespace Arbiter.Domain.Common;

/// <summary>
/// The days a party works: Monday to Friday in UTC, less the public holidays of its region (a
/// seller in China over the Spring Festival), so that a business-day deadline is counted in the
/// days of the party who must act.
/// </summary>
public sealed class WorkCalendar(IEnumerable<DateOnly> holidays)
{
    public static readonly WorkCalendar Default = new([]);

    private readonly HashSet<DateOnly> _holidays = [.. holidays];

    public bool IsWorkDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

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
