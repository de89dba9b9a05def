using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arbiter.Domain.Common;

/// <summary>
/// An amount in minor units of its currency (cents for USD, yen for JPY): what the domain's messages,
/// the pages and the e-mail say, so that nobody reads "2599" for USD 25.99. Adding or comparing
/// amounts of two currencies is a bug, and throws. In an order's document an amount is its bare
/// number of minor units (the order says the currency once); <see cref="In"/> gives it back its currency.
/// </summary>
[JsonConverter(typeof(MoneyJsonConverter))]
public readonly record struct Money(long Minor, Currency Currency) : IComparable<Money>
{
    public static Money Of(long minor, string currency) => new(minor, Currency.Of(currency));

    public static Money Zero(Currency currency) => new(0, currency);

    public bool IsZero => Minor == 0;

    public bool IsPositive => Minor > 0;

    public bool IsNegative => Minor < 0;

    /// <summary>This amount in <paramref name="currency"/>: an amount read without one takes it; one in another currency is a bug.</summary>
    public Money In(Currency currency) => Currency == currency || Currency == default
        ? new(Minor, currency)
        : throw new InvalidOperationException($"An amount in {Currency} cannot become {currency}.");

    /// <summary>The amount in major units, as a form's field holds it: <c>25.99</c>, <c>1500</c> for JPY.</summary>
    public string Major => InMajorUnits.ToString($"F{Currency.Digits}", CultureInfo.InvariantCulture);

    /// <summary>A major-unit amount someone typed (<c>25.99</c>), in this currency; null when it is not one (too many digits, not a number, too large).</summary>
    public static Money? Parse(string? typed, Currency currency)
    {
        if (!decimal.TryParse(typed?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major)
            || decimal.Round(major, currency.Digits) != major
            || major > long.MaxValue / (decimal)currency.Scale)
        {
            return null;
        }

        return new Money((long)(major * currency.Scale), currency);
    }

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + Same(a, b).Minor), a.Currency);

    public static Money operator -(Money a, Money b) => new(checked(a.Minor - Same(a, b).Minor), a.Currency);

    public static Money operator *(Money a, int times) => new(checked(a.Minor * times), a.Currency);

    public static Money operator -(Money a) => new(checked(-a.Minor), a.Currency);

    public static Money Min(Money a, Money b) => a <= b ? a : b;

    public static Money Sum(IEnumerable<Money> amounts, Currency currency) => amounts.Aggregate(Zero(currency), (total, amount) => total + amount);

    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;

    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;

    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    public int CompareTo(Money other) => Minor.CompareTo(Same(this, other).Minor);

    /// <summary>For people: <c>USD 1,234.50</c>.</summary>
    public override string ToString() => $"{Currency.Code} {InMajorUnits.ToString($"N{Currency.Digits}", CultureInfo.InvariantCulture)}";

    private decimal InMajorUnits => Minor / (decimal)Currency.Scale;

    private static Money Same(Money a, Money b) =>
        a.Currency == b.Currency ? b : throw new InvalidOperationException($"Cannot combine {a.Currency} and {b.Currency}.");
}

/// <summary>An amount in JSON is its number of minor units; its currency is the order's (see <see cref="Money.In"/>).</summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt64(), default);

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Minor);
}
