using Arbiter.Domain.Common;
namespace Arbiter.Api;

/// <summary>
/// Refuses oversized bodies before reading them: JSON commands and page forms are small; a file
/// upload is one evidence file through the API, or a few through a page's form.
/// </summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next)
{
    public const long JsonLimit = 64 * 1024;
    public const long EvidenceLimit = 20 * 1024 * 1024;

    /// <summary>How many files one page form (opening a dispute) may carry.</summary>
    public const int FilesPerForm = 5;

    /// <summary>The largest body of all: a page form with all its files.</summary>
    public const long Largest = (FilesPerForm * EvidenceLimit) + JsonLimit;

    public static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = !IsUpload(context.Request) ? JsonLimit
            : context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) ? EvidenceLimit + JsonLimit
            : Largest;
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
