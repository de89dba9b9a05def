using Arbiter.Api;
using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Arbiter.Web.Pages;

/// <summary>The mediator's queue: escalated disputes still open, by status, earliest deadline first.</summary>
internal sealed class QueueModel(OrderStore store, OrderCommands commands, TimeProvider clock) : SignedInPage(clock)
{
    private const int Shown = 200;

    public IReadOnlyList<DisputeView> Disputes { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Caller.Role != Role.Mediator)
        {
            return NotFound();
        }

        var ids = await store.DisputeIdsAsync(null, null, escalatedOnly: true, nameof(DisputeStatus.Escalated), Shown, 0, HttpContext.RequestAborted);
        var orders = await commands.ReadManyAsync([.. ids.Select(id => OwnedIds.OrderOfDispute(id)!).Distinct()], HttpContext.RequestAborted);
        var views = new List<DisputeView>();
        foreach (var id in ids)
        {
            if (orders.GetValueOrDefault(OwnedIds.OrderOfDispute(id)!) is { } order && order.Dispute(id) is { Status: DisputeStatus.Escalated } dispute && Caller.CanSee(order, dispute))
            {
                views.Add(DisputeView.Of(order, dispute, Caller, Now));
            }
        }

        Disputes = [.. views.Where(v => Status is null || (v.Escalation is { } e && Words.Of(e.Status) == Status)).OrderBy(v => v.Deadline?.DueAt ?? DateTime.MaxValue)];
        return Page();
    }
}
