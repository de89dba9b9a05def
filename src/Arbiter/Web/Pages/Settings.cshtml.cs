using Arbiter.Storage;
using Arbiter.Web.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Arbiter.Web.Pages;

/// <summary>
/// An account's settings: the language and time zone its pages and e-mail use, and its reminders
/// (which can be turned off; what concerns its money always comes).
/// </summary>
internal sealed class SettingsModel(AccountStore accounts, TimeProvider clock) : SignedInPage(clock)
{
    /// <summary>The IANA zones this machine knows, UTC first, for the choice.</summary>
    public static readonly IReadOnlyList<string> Zones =
        ["UTC", .. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public bool Reminders { get; private set; }

    /// <summary>The zone the account chose; null when it follows its browser.</summary>
    public string? TimeZone { get; private set; }

    /// <summary>The zone the browser reports.</summary>
    public string? DeviceZone { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var settings = await accounts.SettingsAsync(Caller.AccountId!, HttpContext.RequestAborted);
        Reminders = settings?.Reminders ?? true;
        TimeZone = Reader.ZoneOf(settings?.TimeZone)?.Id;
        DeviceZone = Reader.ZoneOf(Request.Cookies[Reader.DeviceZoneCookie])?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool reminders, string? language, string? timeZone)
    {
        var culture = Texts.LanguageOf(language) ?? W.Culture;
        var zone = Reader.ZoneOf(timeZone)?.Id;
        await accounts.SetRemindersAsync(Caller.AccountId!, reminders, HttpContext.RequestAborted);
        await accounts.SetReadingAsync(Caller.AccountId!, culture.Name, zone, HttpContext.RequestAborted);
        LocalizationSetup.RememberLanguage(Response, culture.Name);
        LocalizationSetup.RememberZone(Response, zone);

        // Said in the language just chosen.
        var words = new Wording(W.Reader with { Culture = culture });
        return Done(null, words[reminders ? "Notice.SettingsSaved" : "Notice.SettingsSavedNoReminders"]);
    }
}
