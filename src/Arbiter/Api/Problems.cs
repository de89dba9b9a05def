using Arbiter.Domain.Common;

namespace Arbiter.Api;

/// <summary>The one place where expected failures become RFC 9457 problem details with a stable <c>code</c>.</summary>
internal static class Problems
{
    public static IResult From(DomainError error) => Of(
        error.Kind switch
        {
            ErrorKind.Invalid => StatusCodes.Status422UnprocessableEntity,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status404NotFound,
        },
        error.Code,
        error.Message);

    public static IResult Of(int status, ErrorCode code, string detail)
    {
        var word = Words.Of(code);
        return Results.Problem(
            statusCode: status,
            detail: detail,
            type: $"https://arbiter.dev/problems/{word.Replace('_', '-')}",
            extensions: new Dictionary<string, object?> { ["code"] = word });
    }

    /// <summary>
    /// Writes a problem outside an endpoint (middleware), in the same shape; for a browser a page in
    /// words for people instead (the detail's figures are for programs).
    /// </summary>
    public static Task WriteAsync(HttpContext context, int status, ErrorCode code, string detail)
    {
        if (Web.WebSetup.WantsPage(context.Request))
        {
            context.Response.StatusCode = status;
            return Web.WebSetup.WriteStatusPageAsync(context, status);
        }

        return Of(status, code, detail).ExecuteAsync(context);
    }

    /// <summary>Tells a refused client when to come back, in whole seconds (429).</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
