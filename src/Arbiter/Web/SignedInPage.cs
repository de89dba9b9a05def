using Arbiter.Api;
using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Web.Localization;
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

    /// <summary>How this page speaks to its reader.</summary>
    protected Wording W => HttpContext.RequestServices.GetRequiredService<Wording>();

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Problem { get; set; }

    /// <summary>
    /// Says how the action went and shows the page again (post, redirect, get: a reload never repeats it).
    /// A form the page never offered (a hand-made post by the wrong role, or about something not the caller's) gets 403 or 404.
    /// </summary>
    protected IActionResult Done(DomainError? error, string notice)
    {
        if (error?.Kind is ErrorKind.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden, error.Message);
        }

        if (error?.Kind is ErrorKind.NotFound && error.Code == OrderCommands.NotFound.Code)
        {
            return NotFound();
        }

        if (error is null)
        {
            Notice = notice;
        }
        else
        {
            Problem = W.Problem(error);
        }

        return RedirectToPage();
    }

    /// <summary>A page's address with the query's parameters that have a value (a list at another page, keeping its filter).</summary>
    protected static string LinkTo(string path, params (string Name, string? Value)[] query) =>
        path + QueryString.Create(query.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => KeyValuePair.Create(p.Name, p.Value))).ToUriComponent();

    /// <summary>Runs a command on an order as the signed-in account, then says how it went (an order it cannot see is not found).</summary>
    protected async Task<IActionResult> RunOnOrderAsync(OrderCommands commands, string orderId, Func<Order, Actor, DateTimeOffset, Result> command, string notice) =>
        OrderId.Parse(orderId) is { } id ? await RunOnOrderAsync(commands, id, command, notice) : NotFound();

    /// <summary>Runs a command on an order whose id is known good.</summary>
    protected async Task<IActionResult> RunOnOrderAsync(OrderCommands commands, OrderId orderId, Func<Order, Actor, DateTimeOffset, Result> command, string notice)
    {
        var result = await commands.RunAsync(orderId, Caller.CanSee, (order, now) => command(order, Caller.Actor, now).Done(), ct: HttpContext.RequestAborted);
        return Done(result.Error, notice);
    }
}
