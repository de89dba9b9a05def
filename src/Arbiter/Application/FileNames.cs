using System.Globalization;
using System.Text;

namespace Arbiter.Application;

/// <summary>
/// A file name as people will see it and download it: no folders, no control or invisible
/// formatting characters (a right-to-left override turns <c>exe.png</c> into <c>gnp.exe</c> on
/// screen), one space between words, at most 200 characters; "evidence" when nothing is left.
/// </summary>
internal static class FileNames
{
    public const int MaxLength = 200;

    public static string Clean(string? name)
    {
        var kept = new StringBuilder();
        foreach (var rune in Path.GetFileName(name ?? "").Replace('\\', '/').Split('/')[^1].EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                kept.Append(' ');
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            kept.Append(rune.ToString());
        }

        var clean = string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.', ' ');
        if (clean.Length > MaxLength)
        {
            var cut = clean[..MaxLength];
            clean = char.IsHighSurrogate(cut[^1]) ? cut[..^1] : cut;
        }

        return clean.Length == 0 ? "evidence" : clean;
    }
}
