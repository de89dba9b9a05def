using Arbiter.Domain.Common;
using Arbiter.Domain.Ledger;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

/// <summary>An order the platform creates must make sense before any money is captured; each mistake has its own code.</summary>
public class OrderValidationTests
{
    private static readonly NewOrder Good = new("o1", "b1", "s1", "USD", [Scenario.Lamp], new Payment("card", "pay_1"), "standard");

    public static readonly TheoryData<string, NewOrder> Mistakes = new()
    {
        { "invalid_id", Good with { Id = "o 1" } },
        { "invalid_id", Good with { BuyerId = "" } },
        { "invalid_id", Good with { SellerId = "s/1" } },
        { "invalid_currency", Good with { Currency = "usd" } },
        { "lines_required", Good with { Lines = [] } },
        { "duplicate_line", Good with { Lines = [Scenario.Lamp, Scenario.Lamp] } },
        { "invalid_id", Good with { Lines = [Scenario.Lamp with { Id = "" }] } },
        { "invalid_line", Good with { Lines = [Scenario.Lamp with { Title = " " }] } },
        { "invalid_line", Good with { Lines = [Scenario.Lamp with { Quantity = 0 }] } },
        { "invalid_line", Good with { Lines = [Scenario.Lamp with { Quantity = 1_000_001 }] } },
        { "invalid_line", Good with { Lines = [Scenario.Lamp with { UnitPrice = -1 }] } },
        { "invalid_line", Good with { Lines = [Scenario.Lamp with { UnitPrice = 1_000_000_000_001 }] } },
        { "invalid_line", Good with { Lines = [Scenario.Lamp with { Shipping = -1 }] } },
        { "invalid_line", Good with { Lines = [Scenario.Lamp with { Shipping = 1_000_000_000_001 }] } },
        { "invalid_total", Good with { Lines = [Scenario.Lamp with { UnitPrice = 0, Shipping = 0 }] } },
        { "invalid_total", Good with { Lines = Dearest(5) } },
        { "invalid_total", Good with { Lines = Dearest(10) } },
        { "payment_required", Good with { Payment = new Payment(" ", "pay_1") } },
        { "payment_required", Good with { Payment = new Payment("card", "") } },
        { "shipping_method_required", Good with { ShippingMethod = "" } },
        { "invalid_return_address", Good with { ReturnAddress = new string('a', Order.MaxReturnAddress + 1) } },
    };

    [Fact]
    public void An_order_may_cost_up_to_its_limit_and_not_a_minor_unit_more()
    {
        // Four of the dearest lines, and the rest up to 4,611,686,018,427,387,903 minor units.
        var rest = new NewLine("rest", "Rest", 611_682, 1_000_000_000_000, 18_427_387_903);
        Assert.Equal(Order.MaxTotal, Order.Create(Actor.Platform, Good with { Lines = [.. Dearest(4), rest] }, Policy.Default, Scenario.Start).ShouldSucceed().Total.Minor);

        Order.Create(Actor.Platform, Good with { Lines = [.. Dearest(4), rest with { Shipping = rest.Shipping + 1 }] }, Policy.Default, Scenario.Start).Plain().ShouldFailWith("invalid_total");
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Each_mistake_is_refused_with_its_code(string code, NewOrder order) =>
        Order.Create(Actor.Platform, order, Policy.Default, Scenario.Start).Plain().ShouldFailWith(code);

    [Fact]
    public void Ids_are_checked_in_the_order_they_are_written()
    {
        var error = Order.Create(Actor.Platform, Good with { Id = "", BuyerId = "", SellerId = "" }, Policy.Default, Scenario.Start).Error!;
        Assert.Contains("id must be", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("buyerId", Order.Create(Actor.Platform, Good with { BuyerId = "", SellerId = "" }, Policy.Default, Scenario.Start).Error!.Message, StringComparison.Ordinal);
        Assert.StartsWith("sellerId", Order.Create(Actor.Platform, Good with { SellerId = "" }, Policy.Default, Scenario.Start).Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_lines_and_free_lines_beside_paid_ones_are_fine_and_only_paid_lines_are_captured()
    {
        var largest = new NewLine("big", "Crate", 1_000_000, 1_000_000_000_000 / 1_000_000, 1_000_000_000_000);
        var free = new NewLine("gift", "Sticker", 1, 0, 0);
        var order = Order.Create(Actor.Platform, Good with { Lines = [largest, free, Scenario.Lamp with { UnitPrice = 0 }] }, Policy.Default, Scenario.Start).ShouldSucceed();
        var dearest = new NewLine("dear", "Painting", 1, 1_000_000_000_000, 0);
        Order.Create(Actor.Platform, Good with { Lines = [dearest] }, Policy.Default, Scenario.Start).ShouldSucceed();

        Assert.Equal(["big", "l1"], order.Ledger.Postings.Select(p => p.LineId));
        Assert.All(order.Ledger.Postings, p => Assert.Equal(PostingKind.Capture, p.Kind));
        Assert.Equal(Usd(500), order.Ledger.Captured("l1"));
    }

    [Fact]
    public void A_return_address_may_take_its_whole_limit_and_is_kept_without_its_outer_spaces()
    {
        var longest = new string('a', Order.MaxReturnAddress);

        Assert.Equal(longest, Order.Create(Actor.Platform, Good with { ReturnAddress = longest }, Policy.Default, Scenario.Start).ShouldSucceed().ReturnAddress);
        Assert.Equal("12 Harbour Road", Order.Create(Actor.Platform, Good with { ReturnAddress = " 12 Harbour Road " }, Policy.Default, Scenario.Start).ShouldSucceed().ReturnAddress);
        Assert.Null(Order.Create(Actor.Platform, Good with { ReturnAddress = " " }, Policy.Default, Scenario.Start).ShouldSucceed().ReturnAddress);
    }

    [Fact]
    public void Only_the_platform_creates_orders()
    {
        foreach (var actor in new[] { Scenario.Buyer, Scenario.Seller, Scenario.Mediator, Actor.Clock })
        {
            Order.Create(actor, Good, Policy.Default, Scenario.Start).Plain().ShouldFailWith("action_not_allowed_for_role");
        }
    }

    /// <summary>Lines each at every limit a line has: enough of them cost more than a long holds.</summary>
    private static NewLine[] Dearest(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new NewLine($"d{i}", "Crate", 1_000_000, 1_000_000_000_000, 1_000_000_000_000))];
}
