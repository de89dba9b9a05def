using System.Globalization;

namespace Arbiter.Domain.Common;

/// <summary>
/// An amount in minor units of its currency (cents for USD, yen for JPY): what the domain's messages,
/// the pages and the e-mail say, so that nobody reads "2599" for USD 25.99. Adding or comparing
/// amounts of two currencies is a bug, and throws.
/// </summary>
public readonly record struct Money(long Minor, Currency Currency) : IComparable<Money>
{
    public static Money Of(long minor, string currency) => new(minor, Currency.Of(currency));

    /// <summary>The amount in major units, as a form's field holds it: <c>25.99</c>, <c>1500</c> for JPY.</summary>
    public string Major => InMajorUnits.ToString($"F{Currency.Digits}", CultureInfo.InvariantCulture);

    /// <summary>A major-unit amount someone typed (<c>25.99</c>), in this currency; null when it is not one (too many digits, not a number, too large).</summary>
    public static Money? Parse(string? typed, Currency currency)
    {
        if (!decimal.TryParse(typed?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major)
            || decimal.Round(major, currency.Digits) != major
            || major * currency.Scale > long.MaxValue)
        {
            return null;
        }

        return new Money((long)(major * currency.Scale), currency);
    }

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + Same(a, b).Minor), a.Currency);

    public static Money operator -(Money a, Money b) => new(checked(a.Minor - Same(a, b).Minor), a.Currency);

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
