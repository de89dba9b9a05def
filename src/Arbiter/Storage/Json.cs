using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Arbiter.Domain.Orders;

namespace Arbiter.Storage;

/// <summary>JSON settings shared by the store and the API: camelCase names, snake_case enum words.</summary>
internal static class Json
{
    /// <summary>
    /// For order documents: only state with a setter is stored, derived views are not, nor nulls,
    /// nor an order's policy, which is stored once beside the documents (<see cref="StoredPolicies"/>);
    /// documents written before still carry theirs and still read.
    /// </summary>
    public static readonly JsonSerializerOptions Storage = new(UseEnumWords(new JsonSerializerOptions(JsonSerializerDefaults.Web)))
    {
        IgnoreReadOnlyProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { PolicyBesideTheDocument } },
    };

    public static JsonSerializerOptions UseEnumWords(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return options;
    }

    private static void PolicyBesideTheDocument(JsonTypeInfo type)
    {
        if (type.Type == typeof(Order))
        {
            type.Properties.Single(p => p.Name == "policy").ShouldSerialize = (_, _) => false;
        }
    }
}
