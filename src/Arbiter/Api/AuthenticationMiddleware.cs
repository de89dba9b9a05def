using Arbiter.Domain.Common;

namespace Arbiter.Api;

/// <summary>
/// Bearer tokens for every API route and for <c>/metrics</c>: the platform key or an account's token,
/// compared by hash; guessing is throttled (<see cref="FailedSignIns"/>). The metrics are the
/// platform's alone.
/// </summary>
internal sealed class AuthenticationMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, Callers callers, FailedSignIns failures)
    {
        var metrics = context.Request.Path.StartsWithSegments("/metrics");
        if (!context.Request.Path.StartsWithSegments("/api") && !metrics)
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        var caller = token.Length is > 0 and < 512 ? await callers.FindAsync(token, context.RequestAborted) : null;

        // The platform key is never throttled: a flood of guesses from its network must not cut it off.
        if (caller?.Role != Role.Platform && failures.Blocked(context) is { } wait)
        {
            await FailedSignIns.RefuseAsync(context, wait);
            return;
        }

        if (caller is null)
        {
            failures.Failed(context);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCode.Unauthorized, "Send the platform key or an account token as 'Authorization: Bearer <token>'.");
            return;
        }

        if (metrics && caller.Role != Role.Platform)
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, ErrorCode.ActionNotAllowedForRole, "The metrics are for the platform's key.");
            return;
        }

        context.SetCaller(caller);
        await next(context);
    }
}
