using System.Globalization;

namespace Arbiter.Web.Localization;

/// <summary>Who reads a page or an e-mail: in which language, and in which time zone their clock runs.</summary>
internal sealed record Reader(CultureInfo Culture, TimeZoneInfo Zone)
{
    /// <summary>The cookie that keeps the time zone an account chose.</summary>
    public const string ZoneCookie = "arbiter_tz";

    /// <summary>The cookie the page's script writes with the browser's own time zone.</summary>
    public const string DeviceZoneCookie = "arbiter_device_tz";

    /// <summary>The cookie that remembers the language chosen with the switch.</summary>
    public const string LanguageCookie = "arbiter_language";

    /// <summary>Whether times are said in UTC, which is then named beside them.</summary>
    public bool IsUtc => Zone.Id == TimeZoneInfo.Utc.Id;

    /// <summary>An IANA time zone this machine knows, or null (nothing a browser sends is trusted further).</summary>
    public static TimeZoneInfo? ZoneOf(string? id) =>
        id is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? (zone.Id is "UTC" or "Etc/UTC" ? TimeZoneInfo.Utc : zone) : null;

    /// <summary>The reader of this request: the language the localization middleware chose, the zone chosen, else the browser's, else UTC.</summary>
    public static Reader Of(HttpContext context) => new(
        Texts.LanguageOf(CultureInfo.CurrentUICulture.Name) ?? Texts.Default,
        ZoneOf(context.Request.Cookies[ZoneCookie]) ?? ZoneOf(context.Request.Cookies[DeviceZoneCookie]) ?? TimeZoneInfo.Utc);

    /// <summary>An account's reader for e-mail: its language, the zone it chose, else the one its browser last reported, else UTC.</summary>
    public static Reader Of(string? language, string? zone, string? deviceZone) => new(
        Texts.LanguageOf(language) ?? Texts.Default,
        ZoneOf(zone) ?? ZoneOf(deviceZone) ?? TimeZoneInfo.Utc);
}
