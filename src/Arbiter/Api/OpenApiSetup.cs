using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Arbiter.Api;

/// <summary>
/// What the OpenAPI document says beyond the routes: that every call carries a bearer token (the
/// platform's key or an account's token), so that requests can be tried from <c>/docs</c>, and
/// that a POST may carry an <c>Idempotency-Key</c>.
/// </summary>
internal static class OpenApiSetup
{
    public const string Bearer = "bearer";

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
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
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
