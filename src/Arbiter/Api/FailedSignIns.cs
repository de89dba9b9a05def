using System.Threading.RateLimiting;

namespace Arbiter.Api;

/// <summary>
/// Throttles guessing: each client address may fail to authenticate (a wrong bearer token, a
/// forged sign-in link) only so often a minute; past that it gets 429 with Retry-After until the
/// window turns, whatever token it sends, except the platform key, which is never throttled.
/// </summary>
internal sealed class FailedSignIns(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>The wait before this client may try again, or null when it may try now.</summary>
    public TimeSpan? Blocked(HttpContext context) => Take(context, 0);

    /// <summary>Counts a failure.</summary>
    public void Failed(HttpContext context) => Take(context, 1);

    public void Dispose() => _limiter.Dispose();

    private TimeSpan? Take(HttpContext context, int permits)
    {
        using var lease = Acquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", permits);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    /// <remarks>
    /// The partitioned limiter disposes an address's limiter once it has stood idle (no failures left
    /// to count) for a while, and an acquire can take it just as it goes (dotnet/runtime#99865): it
    /// held nothing, and the next acquire gets a new one.
    /// </remarks>
    private RateLimitLease Acquire(string address, int permits)
    {
        try
        {
            return _limiter.AttemptAcquire(address, permits);
        }
        catch (ObjectDisposedException)
        {
            return _limiter.AttemptAcquire(address, permits);
        }
    }

    /// <summary>Answers a blocked client: 429, and when to come back.</summary>
    public static Task RefuseAsync(HttpContext context, TimeSpan retryAfter)
    {
        Problems.SetRetryAfter(context.Response, retryAfter);
        return Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, Domain.Common.ErrorCode.TooManyFailedSignIns, "Too many failed sign-ins from this address; try again after the time in Retry-After.");
    }
}
