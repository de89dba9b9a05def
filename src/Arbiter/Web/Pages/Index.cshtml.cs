using Arbiter.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arbiter.Web.Pages;

/// <summary>The front door: signed-in people go straight to their work.</summary>
internal sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => User.WebCaller() switch
    {
        { Role: Role.Mediator } => Redirect("/queue"),
        not null => Redirect("/orders"),
        null => Page(),
    };
}
