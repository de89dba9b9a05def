using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

using static Arbiter.Domain.Tests.Support.Scenario;

namespace Arbiter.Domain.Tests;

/// <summary>Each party's own calendar: business days skip the weekends and public holidays of the party who must act.</summary>
public class CalendarTests
{
    /// <summary>The Spring Festival week of 2025, as a Chinese policy would list it.</summary>
    private static readonly DateOnly[] SpringFestival = [.. Enumerable.Range(0, 5).Select(i => new DateOnly(2025, 3, 4).AddDays(i))];

    private static readonly Policy WithHolidays = Policy.Default with
    {
        Holidays = new Dictionary<string, IReadOnlyList<DateOnly>> { ["CN"] = SpringFestival, ["RU"] = [new DateOnly(2025, 3, 10)], ["US"] = [new DateOnly(2025, 3, 5)] },
    };

    private static Order Between(string? buyerRegion, string? sellerRegion) =>
        Order.Create(Actor.Platform, new NewOrder("o1", "b1", "s1", "USD", [Lamp], new Payment("card", "p"), "standard", buyerRegion, sellerRegion), WithHolidays, Start).ShouldSucceed();

    [Fact]
    public void A_work_day_is_a_weekday_that_is_not_a_holiday()
    {
        var calendar = new WorkCalendar([new DateOnly(2025, 3, 4)]);

        Assert.Equal(Start.AddDays(2), calendar.Add(Start, 1));
        Assert.Equal(Start.AddDays(7), calendar.Add(Start, 4));
        Assert.Equal(Start.AddDays(1), WorkCalendar.Default.Add(Start, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.Add(Start, -1));
    }

    [Fact]
    public void A_region_whose_weekend_is_friday_and_saturday_works_on_sunday()
    {
        var policy = System.Text.Json.JsonSerializer.Deserialize<Policy>("""{ "weekends": { "IL": ["friday", "saturday"] } }""", Scenario.Json)!;
        var order = Order.Create(Actor.Platform, new NewOrder("o1", "b1", "s1", "USD", [Lamp], new Payment("card", "p"), "standard", "IL", "CN"), policy, Start).ShouldSucceed();
        var thursday = Start.AddDays(3);

        Assert.Equal(thursday.AddDays(3), order.CalendarOf(Party.Buyer).Add(thursday, 1));
        Assert.Equal(thursday, order.CalendarOf(Party.Buyer).Add(thursday.AddDays(-1), 1));
        Assert.Equal(thursday.AddDays(1), order.CalendarOf(Party.Seller).Add(thursday, 1));
        Assert.Equal(thursday.AddDays(4), order.CalendarOf(Party.Seller).Add(thursday, 2));
        Assert.Equal(["IL"], order.Policy.Weekends.Keys);
    }

    [Fact]
    public void A_weekend_must_leave_a_work_day_and_name_a_region()
    {
        var never = Policy.Default with { Weekends = new Dictionary<string, IReadOnlyList<DayOfWeek>> { ["IL"] = Enum.GetValues<DayOfWeek>(), ["Israel"] = [DayOfWeek.Friday] } };

        Assert.Equal(
            ["weekends: IL would never work (at most six days of the week can be its weekend)", "weekends: 'Israel' is not a region (two capital letters, ISO 3166 alpha-2, such as IL)"],
            never.Problems());
        Assert.Empty((Policy.Default with { Weekends = new Dictionary<string, IReadOnlyList<DayOfWeek>> { ["IL"] = Enum.GetValues<DayOfWeek>()[..6] } }).Problems());
    }

    [Fact]
    public void An_order_keeps_its_parties_regions_and_only_their_holidays()
    {
        var order = Between("RU", "CN");

        Assert.Equal(("RU", "CN"), (order.BuyerRegion, order.SellerRegion));
        Assert.Equal(["CN", "RU"], order.Policy.Holidays.Keys.Order());
        Assert.Equal(Start.AddDays(7), order.CalendarOf(Party.Seller).Add(Start, 1));
        Assert.Equal(Start.AddDays(1), order.CalendarOf(Party.Buyer).Add(Start, 1));
    }

    [Fact]
    public void A_mediators_question_to_a_seller_in_China_skips_the_Spring_Festival_and_one_to_both_waits_for_the_later()
    {
        var order = Between("RU", "CN");
        order.Ship(Seller, "UPS", "1Z", Start).ShouldSucceed();
        var dispute = order.OpenDispute(Buyer, "l1", Claim(), Start).ShouldSucceed();
        dispute.Escalate(Seller, "No.", Start).ShouldSucceed();

        var toSeller = dispute.RequestInfo(Mediator, [Party.Seller], "Tracking?", 2, Start).ShouldSucceed();
        dispute.AnswerInfoRequest(Seller, toSeller.Id, "Here.", null, Start).ShouldSucceed();
        var toBuyer = dispute.RequestInfo(Mediator, [Party.Buyer], "Photo?", 2, Start).ShouldSucceed();
        dispute.AnswerInfoRequest(Buyer, toBuyer.Id, "Here.", null, Start).ShouldSucceed();
        var toBoth = dispute.RequestInfo(Mediator, [Party.Buyer, Party.Seller], "Anything else?", 2, Start).ShouldSucceed();

        Assert.Equal(Start.AddDays(8), toSeller.DueAt);
        Assert.Equal(Start.AddDays(2), toBuyer.DueAt);
        Assert.Equal(toSeller.DueAt, toBoth.DueAt);
    }

    [Fact]
    public void The_refunds_expected_date_counts_the_buyers_business_days()
    {
        var order = Between("US", "CN");
        var plain = Paid().Order;

        Assert.Equal(Start.AddDays(15), order.ExpectedBy(Refunded(order)));
        Assert.Equal(Start.AddDays(14), plain.ExpectedBy(Refunded(plain)));
    }

    [Fact]
    public void A_policy_names_regions_by_their_two_capital_letters()
    {
        var policy = Policy.Default with { Holidays = new Dictionary<string, IReadOnlyList<DateOnly>> { ["China"] = [], ["cn"] = [] } };

        Assert.Equal(2, policy.Problems().Count(p => p.StartsWith("holidays:", StringComparison.Ordinal)));
        Assert.All(["CN", "AD", "BA", "ZA", "AZ"], r => Assert.True(Regions.IsValid(r), r));
        Assert.All(["cn", "Cn", "C1", "@A", "A[", "CHN", "C", null], r => Assert.False(Regions.IsValid(r), r));
        Assert.Equal("CN", Regions.Normalize(" cn "));
        Assert.Null(Regions.Normalize(" "));
    }

    private static Refund Refunded(Order order)
    {
        order.Cancel(Buyer, Start).ShouldSucceed();
        return order.Refunds.Single();
    }
}
