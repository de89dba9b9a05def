using System.Globalization;
using System.Net;
using Arbiter.Domain.Common;
using Microsoft.AspNetCore.Html;

namespace Arbiter.Web.Localization;

/// <summary>
/// How Arbiter says things to one reader: its sentences in the reader's language, money as money,
/// instants in the reader's time zone, and durations as people say them ("in 3 days", "2 hours ago").
/// </summary>
internal sealed partial class Wording(Reader reader)
{
    public Reader Reader => reader;

    public CultureInfo Culture => reader.Culture;

    /// <summary>The sentence under <paramref name="key"/> (the key itself where a language lacks it, which a test forbids).</summary>
    public string this[string key] => Texts.Resources.GetString(key, reader.Culture) ?? key;

    /// <summary>The sentence under <paramref name="key"/> with its placeholders filled in the reader's culture.</summary>
    public string this[string key, params object?[] args] => string.Format(reader.Culture, this[key], args);

    /// <summary>A sentence whose placeholders may be HTML (a link, a countdown); the sentence and plain values are encoded.</summary>
    public IHtmlContent Html(string key, params object?[] args) =>
        new HtmlString(string.Format(reader.Culture, WebUtility.HtmlEncode(this[key]), [.. args.Select(Encoded)]));

    /// <summary>The form of a counted sentence for <paramref name="count"/>: its variants are separated by "|" in the order of <see cref="PluralIndex"/>.</summary>
    public string Count(string key, long count)
    {
        var forms = this[key].Split('|');
        return string.Format(reader.Culture, forms[Math.Min(PluralIndex(count), forms.Length - 1)], count);
    }

    /// <summary>The sentence under <paramref name="key"/>, or under <paramref name="otherwise"/> for data no sentence names (a reason or code from elsewhere).</summary>
    private string Either(string key, string otherwise) => Texts.Resources.GetString(key, reader.Culture) ?? this[otherwise];

    /// <summary>An enum value in words, from the key <c>{Type}.{Value}</c>.</summary>
    public string Word<T>(T value) where T : struct, Enum => this[$"{typeof(T).Name}.{value}"];

    /// <summary>
    /// Which plural form a number takes in the reader's language, by CLDR's rules: English one/other,
    /// Russian one/few/many (1 день, 2 дня, 5 дней), Chinese a single form.
    /// </summary>
    private int PluralIndex(long n) => reader.Culture.TwoLetterISOLanguageName switch
    {
        "ru" => n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 is >= 2 and <= 4 && n % 100 is < 12 or > 14 ? 1 : 2,
        "zh" => 0,
        _ => n == 1 ? 0 : 1,
    };

    private object? Encoded(object? arg) => arg switch
    {
        IHtmlContent html => Render(html),
        null => "",
        _ => WebUtility.HtmlEncode(Convert.ToString(arg, reader.Culture)),
    };

    private static string Render(IHtmlContent html)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        html.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}
