using Arbiter.Domain.Common;

namespace Arbiter.Domain.Orders;

/// <summary>What the platform reports when a buyer has paid for an order, with the parties' regions from their accounts.</summary>
public sealed record NewOrder(
    string Id,
    string BuyerId,
    string SellerId,
    string Currency,
    IReadOnlyList<NewLine> Lines,
    Payment Payment,
    string ShippingMethod,
    string? BuyerRegion = null,
    string? SellerRegion = null,
    string? ReturnAddress = null);

/// <summary>A line as the platform reports it: prices in minor units of the order's currency.</summary>
public sealed record NewLine(string Id, string Title, int Quantity, long UnitPrice, long Shipping)
{
    internal OrderLine In(Currency currency) => new(Id, Title, Quantity, new Money(UnitPrice, currency), new Money(Shipping, currency));
}
