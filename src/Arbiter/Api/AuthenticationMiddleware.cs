using Arbiter.Domain.Common;

namespace Arbiter.Api;

/// <summary>Bearer tokens for every API route: the platform key or an account's token, compared by hash.</summary>
internal sealed class AuthenticationMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, Callers callers)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        var caller = token.Length is > 0 and < 512 ? await callers.FindAsync(token, context.RequestAborted) : null;
        if (caller is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCode.Unauthorized, "Send the platform key or an account token as 'Authorization: Bearer <token>'.");
            return;
        }

        context.SetCaller(caller);
        await next(context);
    }
}
