using Arbiter.Demo;
using Arbiter.Hosting;
using Arbiter.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arbiter.Web.Pages;

/// <summary>In demo mode, a demo account is one click away; otherwise people arrive by a sign-in link.</summary>
internal sealed class SignInModel(ServeOptions options, AccountStore accounts) : PageModel
{
    public bool Demo => options.Demo;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync(string? accountId)
    {
        if (!Demo || !DemoSeeder.Accounts.Any(a => a.Id == accountId) || await accounts.FindAsync(accountId!, HttpContext.RequestAborted) is not { } account)
        {
            return NotFound();
        }

        await WebSetup.SignInAsync(HttpContext, account);
        return LocalRedirect(ReturnPaths.OrHome(ReturnUrl));
    }
}
