using Arbiter.Domain.Common;
namespace Arbiter.Api;

/// <summary>Refuses oversized bodies before reading them: JSON commands are small, evidence files are bounded.</summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next)
{
    public const long JsonLimit = 64 * 1024;
    public const long EvidenceLimit = 20 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.Request.Path.Value?.EndsWith("/evidence", StringComparison.Ordinal) == true ? EvidenceLimit + (64 * 1024) : JsonLimit;
        if (context.Request.ContentLength > limit)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ErrorCode.PayloadTooLarge, $"The request body may be at most {limit} bytes.");
            return;
        }

        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
