using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Arbiter.Api.OpenApi;

/// <summary>
/// What the OpenAPI document says beyond the routes: that every call carries a bearer token (the
/// platform's key or an account's token), so that requests can be tried from <c>/docs</c>; that a
/// POST may carry an <c>Idempotency-Key</c>; what each tag is; every refusal's problem details with
/// its <c>code</c>; and each operation's id and description, so that generated clients and linters
/// (Redocly, Spectral) read it as written.
/// </summary>
internal static class OpenApiSetup
{
    public const string Bearer = "bearer";

    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Accounts"] = "Buyers, sellers and mediators, created by the platform; their sign-in links, tokens and mail preferences.",
        ["Orders"] = "Orders in escrow: shipment, delivery, receipt, cancellation, extensions, and the disputes opened on them.",
        ["Disputes"] = "A buyer's dispute about one order line, from opening through negotiation and mediation to the money moving.",
        ["Evidence"] = "Files the parties upload to an order or a dispute.",
        ["Refunds"] = "Refunds decided by Arbiter and paid by the platform's payment system, which reports back.",
        ["Chargebacks"] = "Money the buyer's bank took back, reported by the platform.",
        ["Sellers"] = "A seller's record over recent orders.",
        ["Events"] = "Everything that happened to an order, as webhooks deliver it.",
        ["Webhooks"] = "The platform's webhook endpoints and their deliveries.",
        ["Clock"] = "The service's clock; a sandbox's simulated clock can be moved forward.",
    };

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Arbiter API";
            document.Info.Description = "Buyer protection and disputes: orders held in escrow, disputes taken to an outcome, money moved once.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The platform's key, or the token of a buyer, seller or mediator account: `Authorization: Bearer <token>`.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] }];
            document.Info.Contact = new OpenApiContact { Name = "The operators of this Arbiter service" };
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            {
                tag.Description = tag.Name is { } name && Tags.TryGetValue(name, out var description) ? description : tag.Description;
            }

            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema.Name] = ProblemSchema.Create();
            if (document.Components.Schemas.TryGetValue("IFormFile", out var upload) && upload is OpenApiSchema file)
            {
                file.Description = "The file's bytes, sent as multipart/form-data.";
            }

            SchemaTidying.Tidy(document);
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer(async (schema, context, ct) =>
        {
            // The XML comments describe an enum by its type, which a nullable use does not match; its words are the same.
            if (Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) is { IsEnum: true } words)
            {
                schema.Description ??= (await context.GetOrCreateSchemaAsync(words, null, ct)).Description;
            }
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            operation.OperationId = OperationIds.Of(context.Description.HttpMethod ?? "GET", context.Description.RelativePath ?? "");
            operation.Description ??= $"{operation.Summary}. A refusal is problem details whose `code` says why.";
            if (context.Description.HttpMethod == HttpMethods.Post)
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "Idempotency-Key",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Any string up to 255 characters. A POST repeated with the same key by the same caller answers as the first did, without acting twice; while the first still runs it is 409 idempotency_key_in_progress, and the same key with another body is 422 idempotency_key_reused.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                });
            }

            return Task.CompletedTask;
        });
    }
}
