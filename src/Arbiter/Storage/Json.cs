using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arbiter.Storage;

/// <summary>JSON settings shared by the store and the API: camelCase names, snake_case enum words.</summary>
internal static class Json
{
    /// <summary>For order documents: only state with a setter is stored, derived views are not.</summary>
    public static readonly JsonSerializerOptions Storage = new(UseEnumWords(new JsonSerializerOptions(JsonSerializerDefaults.Web)))
    {
        IgnoreReadOnlyProperties = true,
    };

    public static JsonSerializerOptions UseEnumWords(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return options;
    }
}
