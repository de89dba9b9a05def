using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace Arbiter.Web.Localization;

/// <summary>
/// ASP.NET Core's request localization for the pages (the API speaks codes and stays invariant):
/// the language chosen with the switch (a cookie), else the browser's <c>Accept-Language</c>, else English.
/// </summary>
internal static class LocalizationSetup
{
    public static void AddWebLocalization(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();

        // Pages in Russian and Chinese are written as text, not as numeric character references.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddScoped(s => new Wording(Reader.Of(s.GetRequiredService<IHttpContextAccessor>().HttpContext!)));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Texts.Languages.Select(l => l.Culture).ToList();
            o.DefaultRequestCulture = new RequestCulture(Texts.Default);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = Reader.LanguageCookie },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
    }

    /// <summary>Sets the reader's culture for everything after it on a page request, error pages included.</summary>
    public static void UseWebLocalization(this IApplicationBuilder app) =>
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), branch => branch.UseRequestLocalization());

    /// <summary>Remembers a language for this browser for a year.</summary>
    public static void RememberLanguage(HttpResponse response, string culture) =>
        response.Cookies.Append(Reader.LanguageCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), ForAYear(response));

    /// <summary>Remembers the time zone an account chose, or forgets it so that the browser's own is used.</summary>
    public static void RememberZone(HttpResponse response, string? zone)
    {
        if (zone is null)
        {
            response.Cookies.Delete(Reader.ZoneCookie);
            return;
        }

        response.Cookies.Append(Reader.ZoneCookie, zone, ForAYear(response));
    }

    /// <summary>A choice the browser keeps for a year, out of the page's scripts' reach.</summary>
    private static CookieOptions ForAYear(HttpResponse response) =>
        new() { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = response.HttpContext.Request.IsHttps };
}
