using System.Threading.RateLimiting;
using Arbiter.Domain.Common;
using Arbiter.Web;

namespace Arbiter.Api;

/// <summary>
/// Uploads hold temporary disk, memory and a database transaction while they run, so a node takes
/// only so many at once, and one uploader only <see cref="PerUploader"/> of them, so that nobody
/// can keep everyone else's out. The API and the pages' forms pass the same limiter; past it a
/// client gets 429 with Retry-After.
/// </summary>
internal static class UploadLimits
{
    public const int PerUploader = 2;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddUploadLimits(this IServiceCollection services, int perNode) => services.AddRateLimiter(o =>
    {
        o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            Uploads(Uploader, PerUploader),
            Uploads(_ => "node", perNode));
        o.OnRejected = (rejected, _) =>
        {
            Problems.SetRetryAfter(rejected.HttpContext.Response, RetryAfter);
            return new ValueTask(Problems.WriteAsync(
                rejected.HttpContext,
                StatusCodes.Status429TooManyRequests,
                ErrorCode.TooManyUploads,
                "Too many files are being uploaded at once; try again after the time in Retry-After."));
        };
    });

    private static PartitionedRateLimiter<HttpContext> Uploads(Func<HttpContext, string> partition, int concurrent) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => RequestLimitsMiddleware.IsUpload(context.Request)
            ? RateLimitPartition.GetConcurrencyLimiter(partition(context), _ => new ConcurrencyLimiterOptions { PermitLimit = concurrent, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(""));

    /// <summary>The account behind an upload (an API token or a page's session), else the client's address.</summary>
    private static string Uploader(HttpContext context) =>
        context.FindCaller()?.Key ?? context.User.WebCaller()?.Key ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
