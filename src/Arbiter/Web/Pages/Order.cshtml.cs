using Arbiter.Api;
using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Arbiter.Web.Pages;

/// <summary>One order: its lines, money, shipment, protection and disputes, with what the buyer or seller can do on it.</summary>
internal sealed class OrderModel(OrderCommands commands, SellerRecords sellers, AccountStore accounts, TimeProvider clock) : SignedInPage(clock)
{
    public OrderView Order { get; private set; } = null!;

    /// <summary>The seller's record, for the buyer to judge the seller by.</summary>
    public Domain.Sellers.SellerRecord? SellerRecord { get; private set; }

    /// <summary>The people the order mentions, by name.</summary>
    public People People { get; private set; } = null!;

    public bool Can(OrderAction action) => Order.AllowedActions.Contains(action);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (OrderId.Parse(id) is not { } orderId || await commands.ReadAsync(orderId, HttpContext.RequestAborted) is not { } order || !Caller.CanSee(order) || Caller.Role == Role.Mediator)
        {
            return NotFound();
        }

        Order = OrderView.Of(order, Caller, Now);
        SellerRecord = Caller.Role == Role.Buyer ? await sellers.OfAsync(order.SellerId, HttpContext.RequestAborted) : null;
        People = await Web.People.OfAsync(accounts, Caller.AccountId, [$"buyer:{order.BuyerId}", $"seller:{order.SellerId}", .. order.History.Select(h => h.Actor)], HttpContext.RequestAborted);
        return Page();
    }

    public Task<IActionResult> OnPostConfirmReceiptAsync(string id) =>
        RunOnOrderAsync(commands, id, (o, who, now) => o.ConfirmReceipt(who, now), W["Notice.ReceiptConfirmed"]);

    public Task<IActionResult> OnPostCancelAsync(string id) =>
        RunOnOrderAsync(commands, id, (o, who, now) => o.Cancel(who, now), W["Notice.OrderCancelled"]);

    public Task<IActionResult> OnPostShipAsync(string id, string? carrier, string? trackingNumber) =>
        RunOnOrderAsync(commands, id, (o, who, now) => o.Ship(who, carrier, trackingNumber, now), W["Notice.Shipped"]);

    public Task<IActionResult> OnPostExtendProtectionAsync(string id, int days) =>
        RunOnOrderAsync(commands, id, (o, who, now) => o.ExtendProtection(who, days, now), W.Count("Notice.ProtectionExtended", days));

    public Task<IActionResult> OnPostExtendProcessingAsync(string id, int days) =>
        RunOnOrderAsync(commands, id, (o, who, now) => o.ExtendProcessing(who, days, now).Plain(), W.Count("Notice.ProcessingAsked", days));

    public Task<IActionResult> OnPostRequestProtectionExtensionAsync(string id, int days, string? reason) =>
        RunOnOrderAsync(commands, id, (o, who, now) => o.RequestProtectionExtension(who, days, reason, now).Plain(), W.Count("Notice.ProtectionAsked", days));

    public Task<IActionResult> OnPostAnswerExtensionAsync(string id, string requestId, bool accept) =>
        RunOnOrderAsync(commands, id, (o, who, now) => o.AnswerExtensionRequest(who, requestId, accept, now), W[accept ? "Notice.ExtensionAgreed" : "Notice.ExtensionDeclined"]);
}
