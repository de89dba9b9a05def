using Arbiter.Api;
using Arbiter.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arbiter.Web.Pages;

/// <summary>Where a platform's one-time link lands: it signs the account in once and goes on to the page asked for.</summary>
internal sealed class SignInLinkModel(SignInLinks links, AccountStore accounts, FailedSignIns failures, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? token, string? returnUrl)
    {
        if (failures.Blocked(HttpContext) is { } wait)
        {
            Problems.SetRetryAfter(Response, wait);
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        if (token is { Length: > 0 and < 200 }
            && await links.RedeemAsync(token, clock.GetUtcNow(), HttpContext.RequestAborted) is { } accountId
            && await accounts.FindAsync(accountId, HttpContext.RequestAborted) is { } account)
        {
            await WebSetup.SignInAsync(HttpContext, account);
            return LocalRedirect(ReturnPaths.OrHome(returnUrl));
        }

        failures.Failed(HttpContext);
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }
}
