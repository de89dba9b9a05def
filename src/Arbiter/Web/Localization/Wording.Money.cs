using System.Collections.Frozen;
using System.Globalization;

namespace Arbiter.Web.Localization;

/// <summary>Money as the reader writes it: their digits and separators, the currency's sign where it is unmistakable.</summary>
internal sealed partial class Wording
{
    /// <summary>Signs that name one currency each; any other currency is named by its code, never guessed ("$" is also Canada's).</summary>
    private static readonly FrozenDictionary<string, string> Signs = new Dictionary<string, string>
    {
        ["USD"] = "$", ["EUR"] = "€", ["GBP"] = "£", ["RUB"] = "₽", ["CNY"] = "CN¥", ["JPY"] = "JP¥", ["INR"] = "₹", ["KRW"] = "₩",
        ["UAH"] = "₴", ["ILS"] = "₪", ["VND"] = "₫", ["TRY"] = "₺", ["KZT"] = "₸", ["NGN"] = "₦", ["PHP"] = "₱", ["THB"] = "฿",
    }.ToFrozenDictionary();

    /// <summary>The ways of paying that have words in every language; a platform's other words are shown as it writes them.</summary>
    public static readonly string[] PaymentMethods = ["card", "bank_transfer", "wallet", "cash_on_delivery", "paypal", "alipay", "wechat_pay"];

    /// <summary>How the buyer paid, in the reader's words where the platform used a known one ("card" is "银行卡"), else as written, its underscores spaces.</summary>
    public string PaymentMethod(string method) =>
        Texts.Resources.GetString($"PaymentMethod.{method.Trim().ToLowerInvariant()}", reader.Culture) ?? method.Replace('_', ' ');

    /// <summary>An amount in minor units of <paramref name="currency"/>: "$22.99", "22,99 $", "CAD 22.99".</summary>
    public string Money(long minor, string currency) => Money(Domain.Common.Money.Of(minor, currency));

    public string Money(Domain.Common.Money money)
    {
        var format = (NumberFormatInfo)reader.Culture.NumberFormat.Clone();
        format.CurrencyDecimalDigits = money.Currency.Digits;
        if (Signs.TryGetValue(money.Currency.Code, out var sign))
        {
            format.CurrencySymbol = sign;
        }
        else
        {
            // A code is a word: it keeps a space from the number on either side.
            format.CurrencySymbol = money.Currency.Code;
            format.CurrencyPositivePattern = format.CurrencyPositivePattern is 0 or 2 ? 2 : 3;
        }

        return (money.Minor / (decimal)money.Currency.Scale).ToString("C", format);
    }

    /// <summary>An amount as a form field shows it for editing: "22.99", in the format the form accepts back.</summary>
    public static string Major(long minor, string currency) => Domain.Common.Money.Of(minor, currency).Major;

    /// <summary>
    /// An amount as the reader typed it: with their decimal comma ("10,50") as well as a point, and
    /// spaces between thousands ("1 000,50"), as the domain's parser takes it.
    /// </summary>
    public Domain.Common.Money? ParseMoney(string? typed, Domain.Common.Currency currency)
    {
        var text = string.Concat((typed ?? "").Where(c => !char.IsWhiteSpace(c)));
        if (reader.Culture.NumberFormat.NumberDecimalSeparator == "," && !text.Contains('.', StringComparison.Ordinal))
        {
            text = text.Replace(',', '.');
        }

        return Domain.Common.Money.Parse(text, currency);
    }
}
