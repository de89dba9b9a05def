using Arbiter.Application;
using Microsoft.AspNetCore.Mvc;

namespace Arbiter.Web.Pages;

/// <summary>An evidence file, for the signed-in parties and mediator who may see its dispute.</summary>
internal sealed class EvidenceModel(EvidenceFiles files, TimeProvider clock) : SignedInPage(clock)
{
    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await files.FindAsync(Caller, id, HttpContext.RequestAborted) is not var (file, content))
        {
            return NotFound();
        }

        // The stream cannot tell its length; the record can, so the browser shows the download's progress.
        Response.ContentLength = file.Size;
        return File(content, file.ContentType, file.FileName);
    }
}
