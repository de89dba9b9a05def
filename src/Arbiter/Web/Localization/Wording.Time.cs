using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Html;

namespace Arbiter.Web.Localization;

/// <summary>Instants and durations for the reader: their own clock, their calendar's words.</summary>
internal sealed partial class Wording
{
    /// <summary>An instant on the reader's clock, e.g. "December 4, 2026, 7:00 PM", "4 декабря 2026, 19:00", "2026年12月4日 19:00".</summary>
    public string When(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), reader.Zone);
        // ICU writes "9:00 AM" with a narrow no-break space, which plain-text e-mail and some fonts show as a box.
        var time = local.ToString("t", reader.Culture).Replace('\u202F', ' ');
        var text = this["Format.DateTime", local.ToString(this["Format.Date"], reader.Culture), time];
        return reader.IsUtc ? $"{text} UTC" : text;
    }

    public string When(DateTimeOffset at) => When(at.UtcDateTime);

    /// <summary>The exact instant with the zone's name, for the hover: "December 4, 2026, 7:00 PM (Europe/Berlin)".</summary>
    public string Exactly(DateTime utc) => reader.IsUtc ? When(utc) : $"{When(utc)} ({reader.Zone.Id})";

    /// <summary>
    /// How far an instant is from now, in the largest whole unit: "in 3 days", "2 hours ago", "just now". The
    /// same words as the browser's <c>Intl.RelativeTimeFormat</c>, which keeps countdowns running.
    /// </summary>
    public string Relative(DateTime utc, DateTimeOffset now)
    {
        var span = DateTime.SpecifyKind(utc, DateTimeKind.Utc) - now.UtcDateTime;
        var future = span >= TimeSpan.Zero;
        var size = span.Duration();
        if ((size < TimeSpan.FromMinutes(1) && !future) || size < TimeSpan.FromSeconds(1))
        {
            return this["Time.JustNow"];
        }

        var (unit, count) = size.TotalDays >= 1 ? ("Days", (long)size.TotalDays)
            : size.TotalHours >= 1 ? ("Hours", (long)size.TotalHours)
            : size.TotalMinutes >= 1 ? ("Minutes", (long)size.TotalMinutes)
            : ("Seconds", (long)size.TotalSeconds);
        return Count($"Time.{(future ? "In" : "Ago")}.{unit}", count);
    }

    /// <summary>A deadline's countdown, kept running by the page's script; the exact time on hover.</summary>
    public IHtmlContent Countdown(DateTime due, DateTimeOffset now) => new HtmlString(
        $"""<time class="countdown" datetime="{Iso(due)}" data-now="{Iso(now.UtcDateTime)}" title="{Encode(Exactly(due))}">{Encode(due <= now.UtcDateTime ? this["Time.Up"] : Relative(due, now))}</time>""");

    /// <summary>A past instant as "2 hours ago", the exact time on hover.</summary>
    public IHtmlContent Ago(DateTime at, DateTimeOffset now) => new HtmlString(
        $"""<time datetime="{Iso(at)}" title="{Encode(Exactly(at))}">{Encode(Relative(at, now))}</time>""");

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
