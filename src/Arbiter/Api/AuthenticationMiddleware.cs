using Arbiter.Domain.Common;
using Arbiter.Storage;

namespace Arbiter.Api;

/// <summary>Bearer tokens for every API route: the platform key or an account's token, compared by hash.</summary>
internal sealed class AuthenticationMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, AccountStore accounts)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        Caller? caller = null;
        if (token.Length is > 0 and < 512)
        {
            caller = await accounts.IsPlatformKeyAsync(token, context.RequestAborted)
                ? new Caller(Role.Platform, null)
                : await accounts.FindByTokenAsync(token, context.RequestAborted) is { } account ? new Caller(account.Role, account.Id) : null;
        }

        if (caller is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", "Send the platform key or an account token as 'Authorization: Bearer <token>'.");
            return;
        }

        context.SetCaller(caller);
        await next(context);
    }
}
