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
        Examples =
        [
            new JsonObject
            {
                ["type"] = "https://arbiter.dev/problems/invalid-state",
                ["title"] = "Conflict",
                ["status"] = 409,
                ["detail"] = "Cannot make offer while the dispute is resolved.",
                ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                ["code"] = Words.Of(ErrorCode.InvalidState),
            },
        ],
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
                Description = "The stable error code: what went wrong, for a program to branch on. docs/errors.md in Arbiter's repository says what each means and its status.",
                Enum = [.. Enum.GetValues<ErrorCode>().Select(c => (JsonNode)JsonValue.Create(Words.Of(c)))],
            },
        },
    };
}
