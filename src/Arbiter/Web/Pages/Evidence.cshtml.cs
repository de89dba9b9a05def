using Arbiter.Application;
using Microsoft.AspNetCore.Mvc;

namespace Arbiter.Web.Pages;

/// <summary>An evidence file, for the signed-in parties and mediator who may see its dispute.</summary>
internal sealed class EvidenceModel(EvidenceFiles files, TimeProvider clock) : SignedInPage(clock)
{
    public async Task<IActionResult> OnGetAsync(string id) =>
        await files.FindAsync(Caller, id, HttpContext.RequestAborted) is var (file, content)
            ? File(content, file.ContentType, file.FileName)
            : NotFound();
}
