using Arbiter.Api;
using Arbiter.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arbiter.Web;

/// <summary>A page for a signed-in buyer, seller or mediator; its forms answer with a notice or the problem, then show the page again.</summary>
[Authorize]
internal abstract class SignedInPage(TimeProvider clock) : PageModel
{
    public Caller Caller => User.WebCaller() ?? throw new InvalidOperationException("A signed-in page without an account.");

    public DateTimeOffset Now => clock.GetUtcNow();

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Problem { get; set; }

    /// <summary>Says how the action went and shows the page again (post, redirect, get: a reload never repeats it).</summary>
    protected IActionResult Done(DomainError? error, string notice)
    {
        if (error is null)
        {
            Notice = notice;
        }
        else
        {
            Problem = error.Message;
        }

        return RedirectToPage();
    }
}
