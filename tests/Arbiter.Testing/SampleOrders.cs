namespace Arbiter.Testing;

/// <summary>The order tests and benchmarks create through the API: one line, a bike speedometer (USD 19.99 + 3.00 shipping).</summary>
public static class SampleOrders
{
    public static object OneLine(
        string id, string buyerId = "b1", string sellerId = "s1", long unitPrice = 1999, long shipping = 300, string shippingMethod = "standard", string? paymentReference = null,
        string? returnAddress = null) => new
    {
        id,
        buyerId,
        sellerId,
        currency = "USD",
        lines = new[] { new { id = "l1", title = "Bike speedometer", quantity = 1, unitPrice, shipping } },
        payment = new { method = "card", reference = paymentReference ?? $"pay_{id}" },
        shippingMethod,
        returnAddress,
    };
}
