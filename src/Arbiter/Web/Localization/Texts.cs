using System.Globalization;
using System.Resources;

namespace Arbiter.Web.Localization;

/// <summary>
/// The words of the pages and e-mail, in <c>Texts.resx</c> (English), <c>Texts.ru.resx</c> and
/// <c>Texts.zh-Hans.resx</c>: one key per sentence, the same keys in every language.
/// </summary>
internal sealed class Texts
{
    /// <summary>The sentences, by key and culture.</summary>
    public static readonly ResourceManager Resources = new(typeof(Texts).FullName!, typeof(Texts).Assembly);

    /// <summary>The languages people can read Arbiter in, each named in itself, the first the default.</summary>
    public static readonly IReadOnlyList<(CultureInfo Culture, string Name)> Languages =
    [
        (CultureInfo.GetCultureInfo("en"), "English"),
        (CultureInfo.GetCultureInfo("ru"), "Русский"),
        (CultureInfo.GetCultureInfo("zh-Hans"), "中文"),
    ];

    public static CultureInfo Default => Languages[0].Culture;

    /// <summary>The supported language a culture name belongs to (<c>zh-CN</c> is read in <c>zh-Hans</c>), or null.</summary>
    public static CultureInfo? LanguageOf(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }

        for (var c = culture; c.Name.Length > 0; c = c.Parent)
        {
            if (Languages.FirstOrDefault(l => l.Culture.Name == c.Name).Culture is { } supported)
            {
                return supported;
            }
        }

        return null;
    }
}
