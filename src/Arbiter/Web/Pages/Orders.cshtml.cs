using Arbiter.Api;
using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Arbiter.Web.Pages;

/// <summary>
/// "My orders": a buyer's purchases, a seller's sales and the disputes waiting for the seller's
/// answer, 50 a page, by status, by order id or title, latest activity or soonest deadline first.
/// </summary>
internal sealed class OrdersModel(OrderLists lists, CallerDisputes disputes, OrderCommands commands, TimeProvider clock) : SignedInPage(clock)
{
    public const int PageSize = 50;

    /// <summary>What the list can be narrowed to: each order status, and orders with an open dispute.</summary>
    public static readonly IReadOnlyList<string> Filters = [.. Enum.GetValues<OrderStatus>().Select(Words.Of), InDispute];

    private const string InDispute = "in_dispute";

    /// <summary>The disputes a seller must answer (or act on) next.</summary>
    private static readonly DisputeStatus[] SellersMove = [DisputeStatus.AwaitingSellerResponse, DisputeStatus.Negotiating, DisputeStatus.AwaitingReturnReceipt, DisputeStatus.AwaitingReplacement];

    public IReadOnlyList<OrderView> Orders { get; private set; } = [];

    /// <summary>For a seller: disputes whose next move is theirs, earliest deadline first.</summary>
    public IReadOnlyList<DisputeView> AwaitingMe { get; private set; } = [];

    /// <summary>The title of each waiting dispute's item.</summary>
    public IReadOnlyDictionary<string, string> Titles { get; private set; } = new Dictionary<string, string>();

    /// <summary>Where the next page of orders starts, and of disputes waiting; null on the last.</summary>
    public string? Next { get; private set; }

    public string? NextAwaiting { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public ListOrder Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? AwaitingAfter { get; set; }

    public bool Filtered => Status is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task<IActionResult> OnGetAsync()
    {
        if (Caller.Role == Role.Mediator)
        {
            return Redirect("/queue");
        }

        var buyer = Caller.Role == Role.Buyer ? Caller.AccountId : null;
        var seller = Caller.Role == Role.Seller ? Caller.AccountId : null;
        Status = Filters.Contains(Status) ? Status : null;
        var status = Enum.GetValues<OrderStatus>().Where(s => Words.Of(s) == Status).Select(s => (OrderStatus?)s).FirstOrDefault();
        var page = await lists.OrdersAsync(new OrderListQuery(buyer, seller, status, Status == InDispute, Search, Sort, After, PageSize), HttpContext.RequestAborted);
        var found = await commands.ReadManyAsync(page.Items, HttpContext.RequestAborted);
        Orders = [.. page.Items.Where(found.ContainsKey).Select(id => found[id]).Where(Caller.CanSee).Select(o => OrderView.Of(o, Caller, Now))];
        Next = page.Next;

        if (seller is not null)
        {
            var waiting = await disputes.PageAsync(Caller, SellersMove, null, default, null, AwaitingAfter, PageSize, HttpContext.RequestAborted);
            var views = waiting.Items.Select(x => (View: DisputeView.Of(x.Order, x.Dispute, Caller, Now), Title: x.Order.Line(x.Dispute.LineId)?.Title ?? x.Dispute.LineId)).Where(x => x.View.AllowedActions.Count > 0).ToList();
            AwaitingMe = [.. views.Select(x => x.View)];
            Titles = views.ToDictionary(x => x.View.Id, x => x.Title);
            NextAwaiting = waiting.Next;
        }

        return Page();
    }

    /// <summary>This list's address at another page, keeping its filter, search and order.</summary>
    public string Link(string? after = null, string? awaitingAfter = null) =>
        LinkTo("/orders", ("status", Status), ("q", Search), ("sort", Sort == ListOrder.Recent ? null : Words.Of(Sort)), ("after", after), ("awaitingAfter", awaitingAfter));
}
