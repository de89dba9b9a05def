using Arbiter.Api;
using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Arbiter.Web.Pages;

/// <summary>
/// The mediator's queue: escalated disputes still open, 50 a page, soonest deadline first, by stage,
/// by dispute or order id or title, each with its age and due date; refunds that failed every
/// attempt, to be asked for again; and chargebacks that may pay a buyer twice.
/// </summary>
internal sealed class QueueModel(OrderLists lists, NeedingAttention attention, OrderCommands commands, TimeProvider clock) : SignedInPage(clock)
{
    public const int PageSize = 50;

    public IReadOnlyList<(DisputeView Dispute, string Title)> Disputes { get; private set; } = [];

    public string? Next { get; private set; }

    public IReadOnlyList<RefundView> Refunds { get; private set; } = [];

    public IReadOnlyList<ChargebackView> Chargebacks { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public EscalationStatus? Stage { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public bool Filtered => Stage is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task<IActionResult> OnGetAsync()
    {
        if (Caller.Role != Role.Mediator)
        {
            return StatusCode(StatusCodes.Status403Forbidden, "The queue is for mediators.");
        }

        var page = await lists.DisputesAsync(new DisputeListQuery(null, null, true, [DisputeStatus.Escalated], Stage, Search, After, PageSize), HttpContext.RequestAborted);
        var orders = await commands.ReadManyAsync([.. page.Items.Select(d => d.OrderId).Distinct()], HttpContext.RequestAborted);
        Disputes = [.. page.Items
            .Where(d => orders.ContainsKey(d.OrderId) && orders[d.OrderId].Dispute(d.Id) is { } dispute && Caller.CanSee(orders[d.OrderId], dispute))
            .Select(d => (orders[d.OrderId], orders[d.OrderId].Dispute(d.Id)!))
            .Select(x => (DisputeView.Of(x.Item1, x.Item2, Caller, Now), x.Item1.Line(x.Item2.LineId)?.Title ?? x.Item2.LineId))];
        Next = page.Next;
        Refunds = await attention.RefundsAsync(HttpContext.RequestAborted);
        Chargebacks = await attention.ChargebacksAsync(HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>The queue's address at another page, keeping its filter and search.</summary>
    public string Link(string after) =>
        $"/queue{QueryString.Create(new Dictionary<string, string?> { ["stage"] = Stage?.ToString(), ["q"] = string.IsNullOrWhiteSpace(Search) ? null : Search, ["after"] = after }.Where(p => p.Value is not null)).ToUriComponent()}";

    public Task<IActionResult> OnPostRetryRefundAsync(string refundId) =>
        RefundId.Parse(refundId)?.OrderId is { } orderId
            ? RunOnOrderAsync(commands, orderId, (order, who, now) => order.RetryRefund(refundId, who, now), W["Notice.RefundRetried", refundId])
            : Task.FromResult<IActionResult>(NotFound());
}
