using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arbiter.Domain.Common;

/// <summary>An ISO 4217 currency, knowing how many minor-unit digits it has (USD 2, JPY 0, KWD 3).</summary>
[JsonConverter(typeof(CurrencyJsonConverter))]
public readonly record struct Currency
{
    /// <summary>The active ISO 4217 codes whose minor unit is not the usual two digits.</summary>
    private static readonly FrozenDictionary<string, int> OtherDigits = new Dictionary<string, int>
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0, ["PYG"] = 0,
        ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3, ["CLF"] = 4, ["UYW"] = 4,
    }.ToFrozenDictionary();

    /// <summary>The active ISO 4217 codes of money (no precious metals, funds or test codes) with two digits.</summary>
    private static readonly FrozenSet<string> TwoDigits = """
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CNY COP
        CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR
        JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN
        NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP
        SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToFrozenSet();

    private Currency(string code, int digits) => (Code, Digits) = (code, digits);

    public string Code { get; }

    /// <summary>Digits after the decimal point: 2 for USD (cents), 0 for JPY.</summary>
    public int Digits { get; }

    /// <summary>Minor units in one major unit: 100 for USD, 1 for JPY.</summary>
    public long Scale => (long)Math.Pow(10, Digits);

    public static bool IsKnown(string? code) => code is not null && (TwoDigits.Contains(code) || OtherDigits.ContainsKey(code));

    /// <summary>The currency of an ISO 4217 code; null for anything else.</summary>
    public static Currency? Parse(string? code) => IsKnown(code) ? Of(code!) : null;

    /// <summary>A currency as stored; codes from before the ISO check have two digits.</summary>
    public static Currency Of(string code) => new(code, OtherDigits.GetValueOrDefault(code, 2));

    public override string ToString() => Code;
}

/// <summary>A currency in JSON is its code.</summary>
public sealed class CurrencyJsonConverter : JsonConverter<Currency>
{
    public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Currency.Of(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code);
}
