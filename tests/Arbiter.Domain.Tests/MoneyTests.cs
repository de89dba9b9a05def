using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

namespace Arbiter.Domain.Tests;

/// <summary>Money in minor units of a currency that knows its digits: what people read, what forms take.</summary>
public class MoneyTests
{
    [Theory]
    [InlineData(2599, "USD", "USD 25.99", "25.99")]
    [InlineData(123450, "EUR", "EUR 1,234.50", "1234.50")]
    [InlineData(1500, "JPY", "JPY 1,500", "1500")]
    [InlineData(1234, "KWD", "KWD 1.234", "1.234")]
    [InlineData(0, "CNY", "CNY 0.00", "0.00")]
    public void An_amount_reads_in_its_currencys_own_digits(long minor, string currency, string said, string typed)
    {
        var money = Money.Of(minor, currency);

        Assert.Equal(said, money.ToString());
        Assert.Equal(typed, money.Major);
        Assert.Equal(money, Money.Parse(typed, money.Currency));
    }

    [Theory]
    [InlineData("25.999", "USD")]
    [InlineData("1500.5", "JPY")]
    [InlineData("-1", "USD")]
    [InlineData("1e3", "USD")]
    [InlineData("twenty", "USD")]
    [InlineData("99999999999999999999", "USD")]
    [InlineData("79228162514264337593543950335", "USD")]
    [InlineData("92233720368547758.08", "USD")]
    [InlineData("", "USD")]
    public void What_is_not_an_amount_in_the_currency_is_refused(string typed, string currency) =>
        Assert.Null(Money.Parse(typed, Currency.Of(currency)));

    [Fact]
    public void Amounts_of_one_currency_add_and_compare_and_two_currencies_never_mix()
    {
        var usd = Money.Of(1000, "USD");
        Assert.Equal(Money.Of(1500, "USD"), usd + Money.Of(500, "USD"));
        Assert.True(usd > Money.Of(999, "USD"));
        Assert.Throws<InvalidOperationException>(() => usd + Money.Of(1000, "EUR"));
        Assert.Throws<OverflowException>(() => Money.Of(long.MaxValue, "USD") + usd);
        Assert.Equal(Money.Of(400, "USD"), usd - Money.Of(600, "USD"));
        Assert.Throws<OverflowException>(() => Money.Of(long.MinValue, "USD") - usd);
        Assert.Throws<InvalidOperationException>(() => usd - Money.Of(1, "JPY"));
        Assert.True(usd < Money.Of(1001, "USD"));
        var same = Money.Of(1000, "USD");
        Assert.False(usd < same);
        Assert.False(usd > same);
        Assert.True(usd <= same && usd >= same);
        Assert.False(usd <= Money.Of(999, "USD"));
        Assert.False(usd >= Money.Of(1001, "USD"));
        Assert.Throws<InvalidOperationException>(() => usd < Money.Of(1, "EUR"));
    }

    [Fact]
    public void Money_multiplies_negates_and_sums_within_its_currency()
    {
        var usd = Money.Of(1500, "USD");
        Assert.Equal(Money.Of(3000, "USD"), usd * 2);
        Assert.Throws<OverflowException>(() => Money.Of(long.MaxValue / 2, "USD") * 3);
        Assert.Equal(Money.Of(-1500, "USD"), -usd);
        Assert.True((-usd).IsNegative && !usd.IsNegative && usd.IsPositive && Money.Zero(usd.Currency).IsZero);
        Assert.Equal(Money.Of(2500, "USD"), Money.Sum([usd, Money.Of(1000, "USD")], usd.Currency));
        Assert.Equal(Money.Zero(Currency.Of("JPY")), Money.Sum([], Currency.Of("JPY")));
        Assert.Throws<InvalidOperationException>(() => Money.Sum([usd], Currency.Of("EUR")));
        Assert.Equal(usd, Money.Min(usd, Money.Of(1501, "USD")));
        Assert.Equal(usd, Money.Min(Money.Of(1501, "USD"), usd));
    }

    [Fact]
    public void In_a_document_an_amount_is_its_minor_units_and_takes_its_currency_back_from_the_order()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(Money.Of(2599, "KWD"));
        var read = System.Text.Json.JsonSerializer.Deserialize<Money>(json);

        Assert.Equal("2599", json);
        Assert.Equal(Money.Of(2599, "KWD"), read.In(Currency.Of("KWD")));
        Assert.Equal(Money.Of(2599, "KWD"), Money.Of(2599, "KWD").In(Currency.Of("KWD")));
        Assert.Throws<InvalidOperationException>(() => Money.Of(2599, "KWD").In(Currency.Of("USD")));
    }

    [Fact]
    public void A_currency_reads_from_and_writes_to_json_as_its_code()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(Currency.Of("JPY"));
        Assert.Equal("\"JPY\"", json);
        Assert.Equal(0, System.Text.Json.JsonSerializer.Deserialize<Currency>(json).Digits);
        Assert.Equal("", System.Text.Json.JsonSerializer.Deserialize<Currency>("null").Code);
        Assert.Equal(Currency.Of("KWD"), Currency.Parse("KWD"));
        Assert.Null(Currency.Parse("ABC"));
    }

    [Theory]
    [InlineData("USD", true)]
    [InlineData("RUB", true)]
    [InlineData("CNY", true)]
    [InlineData("JPY", true)]
    [InlineData("ABC", false)]
    [InlineData("usd", false)]
    [InlineData("XAU", false)]
    [InlineData("", false)]
    public void Only_ISO_4217_currencies_of_money_are_known(string code, bool known)
    {
        Assert.Equal(known, Currency.IsKnown(code));
        var created = Order.Create(Actor.Platform, new NewOrder("o1", "b1", "s1", code, [Scenario.Lamp], new Payment("card", "p"), "standard"), Policy.Default, Scenario.Start);
        Assert.Equal(known, created.IsSuccess);
    }

    [Fact]
    public void The_domain_says_amounts_as_money_not_as_minor_units()
    {
        var s = Scenario.Shipped();
        var error = s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim(amount: 9999), s.Now).ShouldFailWith("amount_exceeds_line_total");

        Assert.StartsWith("At most USD 35.00 can be refunded", error.Message, StringComparison.Ordinal);
        Assert.Contains(s.Order.History, h => h.Details == "total USD 35.00, paid by card");
    }
}
