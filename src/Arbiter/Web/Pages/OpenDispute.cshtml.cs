using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arbiter.Web.Pages;

/// <summary>
/// The buyer's questionnaire, in the seeds' order: did it arrive, what is wrong (the reasons for
/// that answer), what would put it right, how much (prefilled, capped at what the line can still
/// refund), in your own words, and the evidence.
/// </summary>
internal sealed class OpenDisputeModel(OrderCommands commands, EvidenceFiles uploads, TimeProvider clock) : SignedInPage(clock)
{
    public Order Order { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "line")]
    public string? LineId { get; set; }

    [BindProperty]
    public bool? Received { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public Solution Solution { get; set; } = Solution.RefundOnly;

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public List<IFormFile> Evidence { get; set; } = [];

    public string? Error { get; private set; }

    public OrderLine Line => Order.Line(LineId ?? "") ?? Order.Lines[0];

    public Money Refundable => Order.Refundable(Line);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }

        Amount ??= Refundable.Major;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }

        if (Error is not null)
        {
            return Fail(Error);
        }

        if (W.ParseMoney(Amount, Order.Currency) is not { } amount)
        {
            return Fail(W["Questionnaire.AmountNumber", Refundable.Major]);
        }

        var files = Evidence.Where(f => f.Length > 0).ToList();
        if (files.Count > Api.RequestLimitsMiddleware.FilesPerForm)
        {
            return Fail(W["Questionnaire.TooManyFiles", Api.RequestLimitsMiddleware.FilesPerForm]);
        }

        var evidenceIds = new List<string>();
        foreach (var file in files)
        {
            if (file.Length > Api.RequestLimitsMiddleware.EvidenceLimit)
            {
                return Fail(W["Questionnaire.FileTooLarge", file.FileName, Api.RequestLimitsMiddleware.EvidenceLimit / 1024 / 1024]);
            }

            var added = await uploads.AddAsync(Caller, Order.Id, null, file, HttpContext.RequestAborted);
            if (!added.IsSuccess)
            {
                return Fail($"{file.FileName}: {W.Problem(added.Error!)}");
            }

            evidenceIds.Add(added.Value!.Id);
        }

        var claim = new ClaimRequest(Received, Reason, Solution, amount.Minor, Description, evidenceIds);
        var opened = await commands.RunAsync(Order.Id, Caller.CanSee, (order, now) => order.OpenDispute(Caller.Actor, Line.Id, claim, now), (dispute, _) => dispute.Id, ct: HttpContext.RequestAborted);
        if (opened.Error is { } error)
        {
            return Fail(W.Problem(error));
        }

        Notice = W["Notice.DisputeOpened"];
        return Redirect($"/disputes/{opened.Value}");
    }

    private PageResult Fail(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>
    /// Reads the order; null when the caller may open a dispute on it, or else the answer: not found
    /// for a stranger, forbidden for a role that may not (before any file is uploaded). A refusal
    /// the state gives (protection ended) is said on the form, and again by the command itself.
    /// </summary>
    private async Task<IActionResult?> LoadAsync(string id)
    {
        if (OrderId.Parse(id) is not { } orderId || await commands.ReadAsync(orderId, HttpContext.RequestAborted) is not { } order || !Caller.CanSee(order))
        {
            return NotFound();
        }

        Order = order;
        var guard = order.Guard(OrderAction.OpenDispute, Caller.Actor, Now);
        if (guard.Error?.Kind is ErrorKind.Forbidden or ErrorKind.NotFound)
        {
            return Done(guard.Error, "");
        }

        Error = guard.Error is { } refused ? W.Problem(refused) : null;
        return null;
    }
}
