using Arbiter.Api;
using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Arbiter.Web.Pages;

/// <summary>
/// The mediator's queue: escalated disputes still open, 50 a page, soonest deadline first, by stage,
/// by whom they are assigned to (me, nobody), by dispute or order id or title, each with its age,
/// due date and mediator; refunds that failed every
/// attempt, to be asked for again; and chargebacks that may pay a buyer twice.
/// </summary>
internal sealed class QueueModel(CallerDisputes disputes, NeedingAttention attention, OrderCommands commands, AccountStore accounts, TimeProvider clock) : SignedInPage(clock)
{
    public const int PageSize = 50;

    public IReadOnlyList<(DisputeView Dispute, string Title)> Disputes { get; private set; } = [];

    public string? Next { get; private set; }

    public IReadOnlyList<RefundView> Refunds { get; private set; } = [];

    public IReadOnlyList<ChargebackView> Chargebacks { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public EscalationStatus? Stage { get; set; }

    /// <summary>Whose disputes: <c>me</c>, <c>none</c> (nobody's yet), else everyone's.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Assigned { get; set; }

    /// <summary>The mediators the rows are assigned to, by name.</summary>
    public People People { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public bool Filtered => Stage is not null || Assigned is "me" or "none" || !string.IsNullOrWhiteSpace(Search);

    public async Task<IActionResult> OnGetAsync()
    {
        if (Caller.Role != Role.Mediator)
        {
            return StatusCode(StatusCodes.Status403Forbidden, "The queue is for mediators.");
        }

        var whose = Assigned switch
        {
            "me" => AssigneeFilter.Of(Caller.AccountId!),
            "none" => AssigneeFilter.NoOne,
            _ => default,
        };
        var page = await disputes.PageAsync(Caller, [DisputeStatus.Escalated], Stage, whose, Search, After, PageSize, HttpContext.RequestAborted);
        Disputes = [.. page.Items.Select(x => (DisputeView.Of(x.Order, x.Dispute, Caller, Now), x.Order.Line(x.Dispute.LineId)?.Title ?? x.Dispute.LineId))];
        People = await Web.People.OfAsync(accounts, Caller.AccountId, Disputes.Select(x => x.Dispute.Escalation?.Assignee).OfType<string>().Select(a => $"mediator:{a}"), HttpContext.RequestAborted);
        Next = page.Next;
        Refunds = await attention.RefundsAsync(HttpContext.RequestAborted);
        Chargebacks = await attention.ChargebacksAsync(HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>The queue's address at another page, keeping its filter and search.</summary>
    public string Link(string after) => LinkTo("/queue", ("stage", Stage?.ToString()), ("assigned", Assigned), ("q", Search), ("after", after));

    public Task<IActionResult> OnPostRetryRefundAsync(string refundId) =>
        RefundId.Parse(refundId)?.OrderId is { } orderId
            ? RunOnOrderAsync(commands, orderId, (order, who, now) => order.RetryRefund(refundId, who, now), W["Notice.RefundRetried", refundId])
            : Task.FromResult<IActionResult>(NotFound());
}
