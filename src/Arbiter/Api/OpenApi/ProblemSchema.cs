using System.Text.Json.Nodes;
using Arbiter.Domain.Common;
using Microsoft.OpenApi;

namespace Arbiter.Api.OpenApi;

/// <summary>The problem details every refusal answers with (RFC 9457), with the stable <c>code</c> a client branches on.</summary>
internal static class ProblemSchema
{
    public const string Name = "ProblemDetails";

    public static OpenApiSchema Create() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "A refusal, as RFC 9457 problem details. Branch on `code`, which never changes meaning (its enum lists every code there is); `detail` is a sentence for people and may change.",
        Required = new HashSet<string> { "type", "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI naming the kind of problem, made from its code." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The HTTP status in words." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong, in a sentence for people (figures in minor units)." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's path, where given." },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, for the operators' logs." },
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The stable error code.",
                Enum = [.. Enum.GetValues<ErrorCode>().Select(c => (JsonNode)JsonValue.Create(Words.Of(c)))],
            },
        },
    };
}
