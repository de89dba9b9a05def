namespace Arbiter.Domain.Common;

/// <summary>Business-day arithmetic for mediator deadlines: Monday to Friday, in UTC.</summary>
public static class BusinessDays
{
    public static DateTimeOffset Add(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var at = start;
        while (days > 0)
        {
            at = at.AddDays(1);
            if (at.UtcDateTime.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }

        return at;
    }
}
