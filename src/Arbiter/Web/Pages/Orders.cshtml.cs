using Arbiter.Api;
using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Arbiter.Web.Pages;

/// <summary>"My orders": a buyer's purchases with their protection; a seller's orders to ship and disputes waiting for an answer.</summary>
internal sealed class OrdersModel(OrderStore store, OrderCommands commands, TimeProvider clock) : SignedInPage(clock)
{
    private const int Shown = 200;

    public IReadOnlyList<OrderView> Orders { get; private set; } = [];

    /// <summary>For a seller: disputes whose next move is theirs, earliest deadline first.</summary>
    public IReadOnlyList<DisputeView> AwaitingMe { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Caller.Role == Role.Mediator)
        {
            return Redirect("/queue");
        }

        var buyer = Caller.Role == Role.Buyer ? Caller.AccountId : null;
        var seller = Caller.Role == Role.Seller ? Caller.AccountId : null;
        var ids = await store.OrderIdsAsync(buyer, seller, Shown, HttpContext.RequestAborted);
        var found = await commands.ReadManyAsync(ids, HttpContext.RequestAborted);
        var orders = ids.Where(found.ContainsKey).Select(id => found[id]).Where(Caller.CanSee).ToList();

        Orders = [.. orders.Select(o => OrderView.Of(o, Caller, Now))];
        AwaitingMe = [.. orders
            .SelectMany(o => o.Disputes.Select(d => DisputeView.Of(o, d, Caller, Now)))
            .Where(d => Caller.Role == Role.Seller && d.Status is DisputeStatus.AwaitingSellerResponse or DisputeStatus.Negotiating or DisputeStatus.AwaitingReturnReceipt && d.AllowedActions.Count > 0)
            .OrderBy(d => d.Deadline?.DueAt ?? DateTime.MaxValue)];
        return Page();
    }
}
