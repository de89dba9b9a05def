using System.Globalization;
using System.Net;
using System.Reflection;
using System.Security.Claims;
using Arbiter.Api;
using Arbiter.Domain.Common;
using Arbiter.Security;
using Arbiter.Storage;
using Arbiter.Web.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Arbiter.Web;

/// <summary>
/// The dispute centre in the browser: server-rendered pages over the same application layer as
/// the API, a cookie session, anti-forgery on every form, and assets served from the assembly.
/// </summary>
internal static class WebSetup
{
    public const string AccountClaim = "arbiter:account";
    public const string RoleClaim = "arbiter:role";
    public const string SessionClaim = "arbiter:session";

    public static void AddWeb(this IServiceCollection services, Hosting.ServeOptions options)
    {
        var secure = options.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddWebLocalization();
        services.AddRazorPages(o => o.RootDirectory = "/Web/Pages").AddMvcOptions(o => o.Filters.Add<UnknownHandlerFilter>());
        services.AddSingleton<DataProtectionKeys>();
        services.AddSingleton<SignInLinks>();
        services.AddSingleton<WebSessions>();
        services.AddDataProtection().SetApplicationName("arbiter");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(s =>
            new ConfigureOptions<KeyManagementOptions>(o =>
            {
                o.XmlRepository = s.GetRequiredService<DataProtectionKeys>();
                o.XmlEncryptor = new SealedXmlEncryptor(s.GetRequiredService<SecretBox>());
            }));
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "arbiter_session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;

            // Sessions expire in real time, also where a sandbox's simulated clock jumps days ahead.
            o.TimeProvider = TimeProvider.System;

            // Relative, so that a forged Host header cannot send anyone to another site.
            o.Events.OnRedirectToLogin = c => Relative(c);
            o.Events.OnRedirectToAccessDenied = c => Relative(c);
            o.Events.OnRedirectToLogout = c => Relative(c);
            o.Events.OnRedirectToReturnUrl = c => Relative(c);
            o.Events.OnValidatePrincipal = EndedSessionsAsync;
        });
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "arbiter_antiforgery";
            o.Cookie.SecurePolicy = secure;
        });
    }

    /// <summary>A cookie is honoured only while its session record is live: a copy kept after sign-out opens nothing.</summary>
    private static async Task EndedSessionsAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.FindFirst(SessionClaim)?.Value is { } session && principal.FindFirst(AccountClaim)?.Value is { } account
            && await context.HttpContext.RequestServices.GetRequiredService<WebSessions>().IsLiveAsync(session, account, context.HttpContext.RequestAborted))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static Task Relative(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        var target = Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : context.RedirectUri;
        context.Response.Redirect(ReturnPaths.OrHome(target));
        return Task.CompletedTask;
    }

    public static void UseWeb(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(Assembly.GetExecutingAssembly(), "Arbiter.Web.Assets"),
            RequestPath = "/assets",
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.UseAuthorization();
        app.Use(async (context, next) =>
        {
            // Pages may not be framed or fed scripts from anywhere but here.
            if (!context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/docs"))
            {
                context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers["Referrer-Policy"] = "same-origin";
            }

            await next(context);
        });
        app.MapRazorPages();
    }

    /// <summary>A browser asking for a page (not the API), which should get an error as a page too.</summary>
    public static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);

    public static Task WriteStatusPageAsync(HttpContext context, int code)
    {
        var w = new Wording(Reader.Of(context));
        var page = code is 404 or 400 or 413 or 429 ? code.ToString(CultureInfo.InvariantCulture) : "Other";
        string Say(string part) => WebUtility.HtmlEncode(w[$"Status.{page}.{part}"]);
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"""
            <!doctype html><html lang="{w.Culture.Name}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Say("Title")} · Arbiter</title><link rel="stylesheet" href="/assets/app.css"></head>
            <body><main id="main"><h1>{Say("Title")}</h1><p>{Say("Text")}</p><p><a href="/">{WebUtility.HtmlEncode(w["Status.Back"])}</a></p></main></body></html>
            """);
    }

    /// <summary>Starts a session for the account and signs the browser in to it.</summary>
    public static async Task SignInAsync(HttpContext context, Account account)
    {
        var session = await context.RequestServices.GetRequiredService<WebSessions>().StartAsync(account.Id, context.RequestAborted);
        await ReadingOnSignInAsync(context, account.Id);
        await context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(AccountClaim, account.Id), new Claim(RoleClaim, account.Role.ToString()), new Claim(ClaimTypes.Name, account.DisplayName), new Claim(SessionClaim, session)],
            CookieAuthenticationDefaults.AuthenticationScheme)));
    }

    /// <summary>
    /// A new browser reads in the account's language and time zone where the account chose them;
    /// what the browser says fills in what the account has not chosen, for its e-mail.
    /// </summary>
    private static async Task ReadingOnSignInAsync(HttpContext context, string accountId)
    {
        var accounts = context.RequestServices.GetRequiredService<AccountStore>();
        var browser = Reader.Of(context);
        var deviceZone = Reader.ZoneOf(context.Request.Cookies[Reader.DeviceZoneCookie])?.Id;
        await accounts.NoteBrowserAsync(accountId, browser.Culture.Name, deviceZone, context.RequestAborted);
        if (await accounts.SettingsAsync(accountId, context.RequestAborted) is { } settings)
        {
            LocalizationSetup.RememberLanguage(context.Response, Texts.LanguageOf(settings.Language)?.Name ?? browser.Culture.Name);
            LocalizationSetup.RememberZone(context.Response, Reader.ZoneOf(settings.TimeZone)?.Id);
        }
    }

    /// <summary>Ends the browser's session on the server and drops its cookie.</summary>
    public static async Task SignOutAsync(HttpContext context)
    {
        if (context.User.FindFirst(SessionClaim)?.Value is { } session)
        {
            await context.RequestServices.GetRequiredService<WebSessions>().EndAsync(session, context.RequestAborted);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>The signed-in account as the API's caller, or null when nobody is signed in.</summary>
    public static Caller? WebCaller(this ClaimsPrincipal user) =>
        user.FindFirst(AccountClaim)?.Value is { } id && Enum.TryParse<Role>(user.FindFirst(RoleClaim)?.Value, out var role) && role != Role.Platform
            ? new Caller(role, id)
            : null;
}
