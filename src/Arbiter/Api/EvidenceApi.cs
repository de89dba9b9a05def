using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Storage;

namespace Arbiter.Api;

/// <summary>Evidence files: photos, video and PDFs, checked by their content, never by their name.</summary>
internal static class EvidenceApi
{
    public static void MapEvidence(this IEndpointRouteBuilder api)
    {
        api.MapPost("/disputes/{id}/evidence", (HttpContext h, EvidenceFiles u, string id, IFormFile? file) =>
            DisputeId.Parse(id)?.OrderId is { } orderId ? UploadAsync(h, u, orderId, id, file) : Task.FromResult(Problems.From(OrderCommands.NotFound)))
            .DisableAntiforgery().Answers<EvidenceView>(StatusCodes.Status201Created).WithTags("Evidence").WithSummary("Upload a photo, video or PDF to a dispute (parties)");
        api.MapPost("/orders/{id}/evidence", (HttpContext h, EvidenceFiles u, string id, IFormFile? file) =>
            OrderId.Parse(id) is { } orderId ? UploadAsync(h, u, orderId, null, file) : Task.FromResult(Problems.From(OrderCommands.NotFound)))
            .DisableAntiforgery().Answers<EvidenceView>(StatusCodes.Status201Created).WithTags("Evidence").WithSummary("Upload evidence before opening a dispute, to name in evidenceIds (buyer)");
        api.MapGet("/evidence/{id}", DownloadAsync).Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone).WithTags("Evidence").WithSummary("Download an evidence file");
    }

    private static async Task<IResult> UploadAsync(HttpContext http, EvidenceFiles uploads, OrderId orderId, string? disputeId, IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, ErrorCode.FileRequired, "Send one file as multipart/form-data in the field 'file'.");
        }

        if (file.Length > RequestLimitsMiddleware.EvidenceLimit)
        {
            return Problems.Of(StatusCodes.Status413PayloadTooLarge, ErrorCode.PayloadTooLarge, $"Evidence files may be at most {RequestLimitsMiddleware.EvidenceLimit} bytes.");
        }

        var added = await uploads.AddAsync(http.Caller(), orderId, disputeId, file, http.RequestAborted);
        return added.IsSuccess
            ? Results.Json(EvidenceView.Of(added.Value!), statusCode: StatusCodes.Status201Created)
            : added.Error == EvidenceFiles.UnsupportedType
                ? Problems.Of(StatusCodes.Status415UnsupportedMediaType, added.Error.Code, added.Error.Message)
                : Problems.From(added.Error!);
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, EvidenceFiles files, string id)
    {
        var found = await files.FindAsync(http.Caller(), id, http.RequestAborted);
        if (found.Error is { } error)
        {
            return error == EvidenceFiles.Erased ? Problems.Of(StatusCodes.Status410Gone, ErrorCode.EvidenceErased, error.Message) : Problems.From(error);
        }

        var (file, content) = found.Value;

        // The stream cannot tell its length; the record can, so the client sees its progress.
        http.Response.ContentLength = file.Size;

        // The type is the one its signature showed; nothing may guess another from the bytes.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(content, file.ContentType, file.FileName);
    }
}
