using Arbiter.Api;
using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Microsoft.AspNetCore.Mvc;

namespace Arbiter.Web.Pages;

/// <summary>One order: its lines, money, shipment, protection and disputes, with what the buyer or seller can do on it.</summary>
internal sealed class OrderModel(OrderCommands commands, SellerRecords sellers, TimeProvider clock) : SignedInPage(clock)
{
    public OrderView Order { get; private set; } = null!;

    /// <summary>The seller's record, for the buyer to judge the seller by.</summary>
    public Domain.Sellers.SellerRecord? SellerRecord { get; private set; }

    public bool Can(string action) => Order.AllowedActions.Contains(action);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (OrderId.Parse(id) is not { } orderId || await commands.ReadAsync(orderId, HttpContext.RequestAborted) is not { } order || !Caller.CanSee(order) || Caller.Role == Role.Mediator)
        {
            return NotFound();
        }

        Order = OrderView.Of(order, Caller, Now);
        SellerRecord = Caller.Role == Role.Buyer ? await sellers.OfAsync(order.SellerId, HttpContext.RequestAborted) : null;
        return Page();
    }

    public Task<IActionResult> OnPostConfirmReceiptAsync(string id) =>
        RunOnOrderAsync(commands, id, (o, who, now) => o.ConfirmReceipt(who, now), "Receipt confirmed: the seller has been paid.");

    public Task<IActionResult> OnPostCancelAsync(string id) =>
        RunOnOrderAsync(commands, id, (o, who, now) => o.Cancel(who, now), "Order cancelled: the full amount is being refunded.");

    public Task<IActionResult> OnPostShipAsync(string id, string? carrier, string? trackingNumber) =>
        RunOnOrderAsync(commands, id, (o, who, now) => o.Ship(who, carrier, trackingNumber, now), "Shipped: the buyer's protection has started.");

    public Task<IActionResult> OnPostExtendProtectionAsync(string id, int days) =>
        RunOnOrderAsync(commands, id, (o, who, now) => o.ExtendProtection(who, days, now), $"Protection extended by {days} days.");

    public Task<IActionResult> OnPostExtendProcessingAsync(string id, int days) =>
        RunOnOrderAsync(commands, id, (o, who, now) => o.ExtendProcessing(who, days, now).Plain(), $"The buyer is asked to agree to {days} more days to ship; the deadline moves once they do.");

    public Task<IActionResult> OnPostRequestProtectionExtensionAsync(string id, int days, string? reason) =>
        RunOnOrderAsync(commands, id, (o, who, now) => o.RequestProtectionExtension(who, days, reason, now).Plain(), $"The seller is asked for {days} more days of protection.");

    public Task<IActionResult> OnPostAnswerExtensionAsync(string id, string requestId, bool accept) =>
        RunOnOrderAsync(commands, id, (o, who, now) => o.AnswerExtensionRequest(who, requestId, accept, now), accept ? "You agreed to more time." : "You declined the request for more time.");
}
