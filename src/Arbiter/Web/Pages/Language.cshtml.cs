using Arbiter.Storage;
using Arbiter.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arbiter.Web.Pages;

/// <summary>The language switch on every page: remembered by this browser, and for a signed-in account by the account, whose e-mail follows it.</summary>
internal sealed class LanguageModel(AccountStore accounts) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl)
    {
        if (Texts.LanguageOf(language) is not { } culture)
        {
            return BadRequest();
        }

        LocalizationSetup.RememberLanguage(Response, culture.Name);
        if (User.WebCaller()?.AccountId is { } account)
        {
            await accounts.SetLanguageAsync(account, culture.Name, HttpContext.RequestAborted);
        }

        return LocalRedirect(ReturnPaths.OrHome(returnUrl));
    }
}
