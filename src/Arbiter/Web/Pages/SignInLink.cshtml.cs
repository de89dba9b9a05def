using Arbiter.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arbiter.Web.Pages;

/// <summary>Where a platform's one-time link lands: it signs the account in once and goes on to the page asked for.</summary>
internal sealed class SignInLinkModel(SignInLinks links, AccountStore accounts, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? token, string? returnUrl)
    {
        if (token is { Length: > 0 and < 200 }
            && await links.RedeemAsync(token, clock.GetUtcNow(), HttpContext.RequestAborted) is { } accountId
            && await accounts.FindAsync(accountId, HttpContext.RequestAborted) is { } account)
        {
            await HttpContext.SignInAsync(WebSetup.Principal(account));
            return LocalRedirect(ReturnPaths.OrHome(returnUrl));
        }

        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }
}
