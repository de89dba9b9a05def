using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Arbiter.Web;

/// <summary>
/// A request for a handler the page does not have is not found. Left alone, Razor Pages would run
/// the page's unnamed handler instead (a hand-made <c>?handler=Bogus</c> would change settings), or,
/// for a form post where the page has none, render the page with nothing loaded (a 500).
/// </summary>
internal sealed class UnknownHandlerFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var asked = context.RouteData.Values["handler"]?.ToString() ?? context.HttpContext.Request.Query["handler"].ToString();
        var chosen = context.HandlerMethod?.Name ?? "";
        var missing = context.HandlerMethod is null && !HttpMethods.IsGet(context.HttpContext.Request.Method);
        if (missing || !string.Equals(asked, chosen, StringComparison.OrdinalIgnoreCase))
        {
            context.Result = new NotFoundResult();
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
