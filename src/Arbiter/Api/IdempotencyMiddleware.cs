using System.Security.Cryptography;
using Arbiter.Storage;
using Dapper;

namespace Arbiter.Api;

/// <summary>
/// Honours <c>Idempotency-Key</c> on POSTs: the first successful response is stored per caller and
/// key and replayed for a retry of the same request, so a retried money-moving call never moves
/// money twice. The same key with a different request is refused.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";

    public async Task InvokeAsync(HttpContext context, Database db, TimeProvider clock)
    {
        var key = context.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || !context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        if (key.Length > 255)
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "invalid_idempotency_key", "Idempotency-Key must be at most 255 characters.");
            return;
        }

        var caller = context.Caller().Key;
        var hash = await HashAsync(context.Request);
        await using (var connection = await db.OpenAsync(context.RequestAborted))
        {
            var stored = await connection.QuerySingleOrDefaultAsync<(string RequestHash, int StatusCode, string? ContentType, byte[] Body)>(
                "SELECT request_hash, status_code, content_type, body FROM idempotency WHERE caller = @caller AND key = @key", new { caller, key });
            if (stored.RequestHash is not null)
            {
                if (stored.RequestHash != hash)
                {
                    await Problems.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused", "This Idempotency-Key was used for a different request.");
                    return;
                }

                context.Response.StatusCode = stored.StatusCode;
                context.Response.ContentType = stored.ContentType;
                context.Response.Headers["Idempotent-Replayed"] = "true";
                await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
                return;
            }
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode is >= 200 and < 300)
        {
            await db.WriteAsync((connection, tx) => connection.ExecuteAsync(
                """
                INSERT INTO idempotency (caller, key, request_hash, status_code, content_type, body, created_at)
                VALUES (@caller, @key, @hash, @status, @contentType, @body, @at) ON CONFLICT DO NOTHING
                """,
                new { caller, key, hash, status = context.Response.StatusCode, contentType = context.Response.ContentType, body = buffer.ToArray(), at = clock.GetUtcNow().ToUnixTimeMilliseconds() },
                tx));
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
