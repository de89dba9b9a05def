using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arbiter.Domain.Common;

/// <summary>
/// The platform's id of an order, checked once where it enters (see <see cref="Ids"/>) and kept
/// whole: holding an <see cref="OrderId"/> means holding an id that names an order and nothing else.
/// </summary>
[JsonConverter(typeof(OrderIdJsonConverter))]
public readonly record struct OrderId
{
    private readonly string? _value;

    private OrderId(string value) => _value = value;

    public string Value => _value ?? "";

    /// <summary>The order id a caller gave; null when it cannot be one.</summary>
    public static OrderId? Parse(string? id) => Ids.IsValid(id) ? new OrderId(id!) : null;

    /// <summary>An order id as the store keeps it, checked when it came in.</summary>
    public static OrderId Of(string id) => Parse(id) ?? throw new ArgumentException($"\"{id}\" is not an order id.", nameof(id));

    public override string ToString() => Value;
}

/// <summary>An order id in JSON is its text.</summary>
public sealed class OrderIdJsonConverter : JsonConverter<OrderId>
{
    public override OrderId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        OrderId.Parse(reader.GetString()) ?? throw new JsonException("Not an order id.");

    public override void Write(Utf8JsonWriter writer, OrderId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
