using System.Collections.Frozen;
using System.Text.Json;

namespace Arbiter.Domain.Common;

/// <summary>Enum values as the guides and the API spell them: lower snake case.</summary>
public static class Words
{
    public static string Of<T>(T value)
        where T : struct, Enum => Spelled<T>.Names.TryGetValue(value, out var words) ? words : Spell(value);

    private static string Spell<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Each named value spelled once: guards and views ask for the same few words on every request.</summary>
    private static class Spelled<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> Names = Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, Spell);
    }
}
