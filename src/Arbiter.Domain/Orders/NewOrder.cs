namespace Arbiter.Domain.Orders;

/// <summary>What the platform reports when a buyer has paid for an order.</summary>
public sealed record NewOrder(
    string Id,
    string BuyerId,
    string SellerId,
    string Currency,
    IReadOnlyList<OrderLine> Lines,
    Payment Payment,
    string ShippingMethod);
