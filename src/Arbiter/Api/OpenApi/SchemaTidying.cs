using System.Text.Json.Nodes;
using Arbiter.Domain.Disputes;
using Microsoft.OpenApi;

namespace Arbiter.Api.OpenApi;

/// <summary>
/// The schemas as a client generator should read them. A request's fields are optional rather
/// than nullable (leaving one out is how a client says nothing), an enum lists only its words,
/// and the free-text fields that take a fixed set of words say which.
/// </summary>
internal static class SchemaTidying
{
    /// <summary>Request fields that take one of a fixed set of words, and those words.</summary>
    private static readonly Dictionary<(string Schema, string Property), string[]> Words = new()
    {
        [("CreateAccountRequest", "role")] = ["buyer", "seller", "mediator"],
        [("ClaimBody", "reason")] = [.. Reasons.NotReceived.Concat(Reasons.Received).Distinct()],
        [("InfoRequestBody", "from")] = ["buyer", "seller", "both"],
    };

    public static void Tidy(OpenApiDocument document)
    {
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (schema is not OpenApiSchema tidied)
            {
                continue;
            }

            if (tidied.Enum is { Count: > 0 } values)
            {
                // A nullable use of an enum is said where it is used (oneOf null); the enum itself has only words.
                tidied.Enum = [.. values.Where(v => v is not null)];
                tidied.Type = JsonSchemaType.String;
            }

            if (IsRequest(name) && tidied.Properties is { } properties)
            {
                foreach (var property in properties.Keys.ToList())
                {
                    if (WithoutNull(properties[property]) is { } optional)
                    {
                        properties[property] = optional;
                        tidied.Required?.Remove(property);
                    }

                    if (Words.TryGetValue((name, property), out var words) && properties[property] is OpenApiSchema text)
                    {
                        text.Enum = [.. words.Select(w => (JsonNode)JsonValue.Create(w))];
                    }
                }
            }

            foreach (var property in tidied.Properties?.Values ?? [])
            {
                HoistDescription(property);
            }
        }

        foreach (var operation in (document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>()).SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                media.Schema = media.Schema is { } schema ? WithoutNull(schema) ?? schema : null;
            }
        }
    }

    /// <summary>A nullable reference says what it is on the <c>oneOf</c>, where readers look, rather than on its one branch.</summary>
    private static void HoistDescription(IOpenApiSchema property)
    {
        if (property is OpenApiSchema { OneOf: { Count: 2 } choices, Description: null } nullable
            && choices.OfType<OpenApiSchemaReference>().FirstOrDefault(c => c.Description is not null) is { } described)
        {
            nullable.Description = described.Description;
            described.Description = null;
        }
    }

    private static bool IsRequest(string schema) =>
        schema.EndsWith("Request", StringComparison.Ordinal) || schema.EndsWith("Body", StringComparison.Ordinal);

    /// <summary>The schema without its null: <c>oneOf [null, X]</c> is X, a type with null loses it; null when it had none.</summary>
    private static IOpenApiSchema? WithoutNull(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchema { OneOf: { Count: 2 } choices } && choices.FirstOrDefault(c => c is OpenApiSchema { Type: JsonSchemaType.Null }) is { } none)
        {
            return choices.First(c => c != none);
        }

        if (schema is OpenApiSchema { Type: { } type } typed && type.HasFlag(JsonSchemaType.Null))
        {
            typed.Type = type & ~JsonSchemaType.Null;
            return typed;
        }

        return null;
    }
}
