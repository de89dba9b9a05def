using Arbiter.Api;
using Arbiter.Application;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arbiter.Web.Pages;

/// <summary>
/// An evidence file, for the signed-in parties and mediator who may see its dispute. Not a
/// <see cref="SignedInPage"/>: its notice would be read here, and so lost, when the dispute page's
/// photos load between a form's redirect and the page it leads to.
/// </summary>
[Authorize]
internal sealed class EvidenceModel(EvidenceFiles files) : PageModel
{
    /// <param name="inline">Shown in the dispute's page (an image, a video, a PDF's first page) rather than downloaded.</param>
    public async Task<IActionResult> OnGetAsync(string id, bool inline)
    {
        var caller = User.WebCaller() ?? throw new InvalidOperationException("A signed-in page without an account.");
        var found = await files.FindAsync(caller, id, HttpContext.RequestAborted);
        if (found.Error is { } error)
        {
            return error == EvidenceFiles.Erased ? StatusCode(StatusCodes.Status410Gone) : NotFound();
        }

        var (file, content) = found.Value;

        // The stream cannot tell its length; the record can, so the browser shows the download's progress.
        Response.ContentLength = file.Size;
        if (!inline)
        {
            return File(content, file.ContentType, file.FileName);
        }

        // Shown inside this service's own pages only, and never able to load anything itself.
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; media-src 'self'; frame-ancestors 'self'";
        return File(content, file.ContentType);
    }
}
