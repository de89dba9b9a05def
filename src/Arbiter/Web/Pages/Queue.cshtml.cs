using Arbiter.Api;
using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Microsoft.AspNetCore.Mvc;

namespace Arbiter.Web.Pages;

/// <summary>
/// The mediator's queue: escalated disputes still open, by status, earliest deadline first, and
/// refunds that failed every attempt, to be asked for again, and chargebacks that may pay a buyer twice.
/// </summary>
internal sealed class QueueModel(CallerDisputes disputes, NeedingAttention attention, OrderCommands commands, TimeProvider clock) : SignedInPage(clock)
{
    private const int Shown = 200;

    public IReadOnlyList<DisputeView> Disputes { get; private set; } = [];

    public IReadOnlyList<RefundView> Refunds { get; private set; } = [];

    public IReadOnlyList<ChargebackView> Chargebacks { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Caller.Role != Role.Mediator)
        {
            return StatusCode(StatusCodes.Status403Forbidden, "The queue is for mediators.");
        }

        var escalated = await disputes.ListAsync(Caller, DisputeStatus.Escalated, Shown, 0, HttpContext.RequestAborted);
        var views = escalated.Select(e => DisputeView.Of(e.Order, e.Dispute, Caller, Now));
        Disputes = [.. views.Where(v => Status is null || (v.Escalation is { } e && Words.Of(e.Status) == Status)).OrderBy(v => v.Deadline?.DueAt ?? DateTime.MaxValue)];
        Refunds = await attention.RefundsAsync(HttpContext.RequestAborted);
        Chargebacks = await attention.ChargebacksAsync(HttpContext.RequestAborted);
        return Page();
    }

    public Task<IActionResult> OnPostRetryRefundAsync(string refundId) =>
        RefundId.Parse(refundId)?.OrderId is { } orderId
            ? RunOnOrderAsync(commands, orderId, (order, who, now) => order.RetryRefund(refundId, who, now), W["Notice.RefundRetried", refundId])
            : Task.FromResult<IActionResult>(NotFound());
}
