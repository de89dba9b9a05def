using System.Text.Json;
using System.Text.Json.Serialization;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Ledger;
using Arbiter.Domain.Orders;

namespace Arbiter.Domain.Tests.Support;

/// <summary>
/// One order between buyer "b1" and seller "s1", created at a fixed Monday morning, and a clock
/// that only moves when a test moves it. Every move fires what fell due, as the service would.
/// </summary>
internal sealed class Scenario
{
    /// <summary>Monday 3 March 2025, 09:00 UTC.</summary>
    /// <summary>Order documents as the store writes them.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        IgnoreReadOnlyProperties = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public static readonly Actor Buyer = new(Role.Buyer, "b1");
    public static readonly Actor Seller = new(Role.Seller, "s1");
    public static readonly Actor Mediator = new(Role.Mediator, "m1");

    /// <summary>A lamp: 2 x 15.00 plus 5.00 shipping.</summary>
    public static readonly NewLine Lamp = new("l1", "Desk lamp", 2, 1500, 500);

    /// <summary>A cable: 1 x 10.00, free shipping.</summary>
    public static readonly NewLine Cable = new("l2", "USB cable", 1, 1000, 0);

    /// <summary>An amount in the scenario's currency.</summary>
    public static Money Usd(long minor) => new(minor, Currency.Of("USD"));

    private Scenario(Order order, DateTimeOffset now)
    {
        Order = order;
        Now = now;
    }

    public Order Order { get; }

    public DateTimeOffset Now { get; private set; }

    public OrderLedger Ledger => Order.Ledger;

    /// <summary>A paid order awaiting shipment; one line (the lamp) unless told otherwise.</summary>
    public static Scenario Paid(int lines = 1, string shippingMethod = "standard", Policy? policy = null, string? returnAddress = null)
    {
        NewLine[] orderLines = lines == 1 ? [Lamp] : [Lamp, Cable];
        var created = Order.Create(
            Actor.Platform,
            new NewOrder("o1", "b1", "s1", "USD", orderLines, new Payment("card", "pay_1"), shippingMethod, ReturnAddress: returnAddress),
            policy ?? Policy.Default,
            Start);
        Assert.True(created.IsSuccess, created.Error?.Message);
        return new Scenario(created.Value!, Start);
    }

    /// <summary>A paid order the seller shipped right away, so protection runs from <see cref="Start"/>.</summary>
    public static Scenario Shipped(int lines = 1, string shippingMethod = "standard", Policy? policy = null, string? returnAddress = null)
    {
        var scenario = Paid(lines, shippingMethod, policy, returnAddress);
        scenario.Order.Ship(Seller, "UPS", "1Z999", scenario.Now).ShouldSucceed();
        return scenario;
    }

    public DateTimeOffset ProtectionEndsAt => Order.ProtectionEndsAt!.Value;

    /// <summary>Moves the clock forward and fires every deadline that fell due.</summary>
    public Scenario Advance(TimeSpan by)
    {
        Now += by;
        Order.FireDue(Now);
        return this;
    }

    public Scenario AdvanceDays(double days) => Advance(TimeSpan.FromDays(days));

    /// <summary>Moves the clock to an instant (never backwards) and fires what fell due.</summary>
    public Scenario AdvanceTo(DateTimeOffset at)
    {
        Assert.True(at >= Now, "the clock never runs backwards");
        return Advance(at - Now);
    }

    public static ClaimRequest Claim(
        bool received = true,
        string reason = "not_as_described",
        Solution solution = Solution.RefundOnly,
        long? amount = null,
        string description = "The lamp does not light up.") =>
        new(received, reason, solution, amount, description, null);

    /// <summary>The buyer opens a dispute that must succeed.</summary>
    public Dispute Open(string lineId = "l1", ClaimRequest? claim = null)
    {
        var opened = Order.OpenDispute(Buyer, lineId, claim ?? Claim(), Now);
        Assert.True(opened.IsSuccess, opened.Error?.Message);
        return opened.Value!;
    }

    /// <summary>A dispute the seller rejected, so the parties are negotiating.</summary>
    public Dispute Negotiating(string lineId = "l1", ClaimRequest? claim = null)
    {
        var dispute = Open(lineId, claim);
        dispute.Reject(Seller, "Works fine here.", Now).ShouldSucceed();
        return dispute;
    }

    /// <summary>A dispute the seller handed to a mediator.</summary>
    public Dispute Escalated(string lineId = "l1", ClaimRequest? claim = null)
    {
        var dispute = Open(lineId, claim);
        dispute.Escalate(Seller, "We cannot agree.", Now).ShouldSucceed();
        return dispute;
    }

    public IEnumerable<string> OrderActions => Order.History.Select(h => Words.Of(h.Action));
}
