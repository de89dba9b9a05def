using System.Globalization;
using System.Xml.Linq;
using Arbiter.Testing;

namespace Arbiter.Web.Tests.Support;

/// <summary>
/// The pages' words in one language, read from the service's own resource files, so a test can
/// act by the labels a reader of that language sees.
/// </summary>
public sealed class Words
{
    private readonly IReadOnlyDictionary<string, string> _texts;

    private Words(string language, IReadOnlyDictionary<string, string> texts)
    {
        Language = language;
        Culture = CultureInfo.GetCultureInfo(language);
        _texts = texts;
    }

    /// <summary>The language's name as the page's <c>lang</c> says it: en, ru or zh-Hans.</summary>
    public string Language { get; }

    public CultureInfo Culture { get; }

    public string this[string key, params object[] args] =>
        _texts.TryGetValue(key, out var text) ? string.Format(Culture, text, args) : throw new KeyNotFoundException($"No text {key} in {Language}.");

    /// <summary>A text's opening, up to its second placeholder: "Amount (USD" of "Amount ({0}, at most {1})", for a label whose end varies.</summary>
    public string Opening(string key, object first)
    {
        var text = this[key, first, "\u0000"];
        return text[..text.IndexOf('\u0000', StringComparison.Ordinal)];
    }

    public static Words In(string language)
    {
        var file = language == "en" ? "Texts.resx" : $"Texts.{language}.resx";
        var path = Path.Combine(Repository.Root, "src", "Arbiter", "Web", "Localization", file);
        var texts = XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        return new Words(language, texts);
    }
}
