using Arbiter.Domain.Common;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arbiter.Storage;
using Dapper;

namespace Arbiter.Api;

/// <summary>
/// Honours <c>Idempotency-Key</c> on POSTs: the key is reserved before the command runs, the first
/// successful response is stored and replayed for a retry of the same request, and a failed one
/// frees the key for a retry. So a retried money-moving call never runs twice, even when two
/// copies race. The same key with a different request is refused. A record lasts a day (as
/// payment APIs keep theirs), a reservation whose request never finished (a crash) frees itself
/// after a few minutes, and a secret the answer showed is never stored (<see cref="ShownOnce"/>).
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";

    /// <summary>How long a key is remembered.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>How long a reservation waits for its request before a retry may run it again.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(5);

    private const int PrunedPerRequest = 100;

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
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCode.InvalidIdempotencyKey, "Idempotency-Key must be at most 255 characters.");
            return;
        }

        var caller = context.Caller().Key;
        var hash = await HashAsync(context.Request);

        // Reserve the key first: of two identical requests racing, only one runs.
        var now = clock.GetUtcNow();
        var reserved = await db.WriteAsync(async (connection, tx) =>
        {
            var expired = (now - Lifetime).ToUnixTimeMilliseconds();
            await connection.ExecuteAsync(
                """
                DELETE FROM idempotency WHERE (caller, key) IN (SELECT caller, key FROM idempotency WHERE created_at < @expired ORDER BY created_at LIMIT @pruned);
                DELETE FROM idempotency WHERE caller = @caller AND key = @key AND (created_at < @expired OR (status_code = 0 AND created_at < @abandoned));
                """,
                new { caller, key, expired, pruned = PrunedPerRequest, abandoned = (now - Abandoned).ToUnixTimeMilliseconds() },
                tx);
            return await connection.ExecuteAsync(
                """
                INSERT INTO idempotency (caller, key, request_hash, status_code, content_type, body, created_at)
                VALUES (@caller, @key, @hash, 0, NULL, @empty, @at) ON CONFLICT DO NOTHING
                """,
                new { caller, key, hash, empty = Array.Empty<byte>(), at = now.ToUnixTimeMilliseconds() },
                tx);
        }, context.RequestAborted) == 1;
        if (!reserved)
        {
            await ReplayAsync(context, db, caller, key, hash);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var succeeded = false;
        try
        {
            await next(context);
            succeeded = context.Response.StatusCode is >= 200 and < 300;
        }
        finally
        {
            context.Response.Body = original;
            var withheld = ShownOnce.Fields(context);
            await db.WriteAsync((connection, tx) => succeeded
                ? connection.ExecuteAsync(
                    "UPDATE idempotency SET status_code = @status, content_type = @contentType, body = @body, withheld = @withheld WHERE caller = @caller AND key = @key",
                    new
                    {
                        caller, key, status = context.Response.StatusCode, contentType = context.Response.ContentType, body = Without(buffer.ToArray(), withheld),
                        withheld = withheld.Count == 0 ? null : string.Join(',', withheld),
                    },
                    tx)
                : connection.ExecuteAsync("DELETE FROM idempotency WHERE caller = @caller AND key = @key", new { caller, key }, tx), CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>
    /// Answers a request whose key is taken: with the stored response, or, while the first request
    /// is still running (or was cut off by a crash after its command committed), with 409 rather than
    /// running the command a second time.
    /// </summary>
    private static async Task ReplayAsync(HttpContext context, Database db, string caller, string key, string hash)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        var stored = await connection.QuerySingleAsync<(string RequestHash, int StatusCode, string? ContentType, byte[] Body, string? Withheld)>(
            "SELECT request_hash, status_code, content_type, body, withheld FROM idempotency WHERE caller = @caller AND key = @key", new { caller, key });
        if (stored.RequestHash != hash)
        {
            await Problems.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, ErrorCode.IdempotencyKeyReused, "This Idempotency-Key was used for a different request.");
            return;
        }

        if (stored.StatusCode == 0)
        {
            await Problems.WriteAsync(context, StatusCodes.Status409Conflict, ErrorCode.IdempotencyKeyInProgress, "A request with this Idempotency-Key is in progress, or was interrupted after it may have taken effect: read the resource to see its state.");
            return;
        }

        context.Response.StatusCode = stored.StatusCode;
        context.Response.ContentType = stored.ContentType;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (stored.Withheld is { } withheld)
        {
            context.Response.Headers[ShownOnce.ReplayHeader] = withheld;
        }

        await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    /// <summary>The answer as stored: its shown-once fields set to null.</summary>
    private static byte[] Without(byte[] body, IReadOnlyList<string> fields)
    {
        if (fields.Count == 0 || JsonNode.Parse(body) is not JsonObject answer)
        {
            return body;
        }

        foreach (var field in fields.Where(answer.ContainsKey))
        {
            answer[field] = null;
        }

        return JsonSerializer.SerializeToUtf8Bytes(answer);
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
