using System.Text.Json;

namespace Arbiter.Domain.Common;

/// <summary>Enum values as the guides and the API spell them: lower snake case.</summary>
public static class Words
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
