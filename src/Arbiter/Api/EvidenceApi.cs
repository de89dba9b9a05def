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
        api.MapPost("/disputes/{id}/evidence", (HttpContext h, OrderCommands c, string id, IFormFile? file) =>
            OwnedIds.OrderOfDispute(id) is { } orderId ? UploadAsync(h, c, orderId, id, file) : Task.FromResult(Problems.From(OrderCommands.NotFound)))
            .DisableAntiforgery().Answers<EvidenceView>(StatusCodes.Status201Created).WithTags("Evidence").WithSummary("Upload a photo, video or PDF to a dispute (parties)");
        api.MapPost("/orders/{id}/evidence", (HttpContext h, OrderCommands c, string id, IFormFile? file) => UploadAsync(h, c, id, null, file))
            .DisableAntiforgery().Answers<EvidenceView>(StatusCodes.Status201Created).WithTags("Evidence").WithSummary("Upload evidence before opening a dispute, to name in evidenceIds (buyer)");
        api.MapGet("/evidence/{id}", DownloadAsync).Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Evidence").WithSummary("Download an evidence file");
    }

    private static async Task<IResult> UploadAsync(HttpContext http, OrderCommands commands, string orderId, string? disputeId, IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "file_required", "Send one file as multipart/form-data in the field 'file'.");
        }

        if (file.Length > RequestLimitsMiddleware.EvidenceLimit)
        {
            return Problems.Of(StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"Evidence files may be at most {RequestLimitsMiddleware.EvidenceLimit} bytes.");
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, http.RequestAborted);
        }

        if (FileSignatures.Detect(content) is not { } contentType)
        {
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, "unsupported_file_type", "Evidence must be a JPEG, PNG, GIF or WebP image, an MP4, MOV or WebM video, or a PDF.");
        }

        var caller = http.Caller();
        var name = Path.GetFileName(file.FileName);
        var result = await commands.RunAsync<EvidenceFile>(
            orderId,
            order => disputeId is null ? caller.CanSee(order) : order.Dispute(disputeId) is { } d && caller.CanSee(order, d),
            (order, now) =>
            {
                var evidence = new EvidenceFile($"{order.Id}-e{order.Evidence.Count + 1}", disputeId, caller.Key, name.Length is > 0 and <= 200 ? name : "evidence", contentType, content.Length, now);
                var added = order.AddEvidence(caller.Actor, disputeId, evidence, now);
                return added.IsSuccess ? evidence : added.Error!;
            },
            (evidence, connection, tx) => EvidenceContent.WriteAsync(connection, tx, evidence.Id, content),
            http.RequestAborted);
        return result.Error is { } error
            ? Problems.From(error)
            : Results.Json(EvidenceView.Of(result.Value!), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, OrderCommands commands, EvidenceContent contents, string id)
    {
        var order = OwnedIds.OrderOfEvidence(id) is { } orderId ? await commands.ReadAsync(orderId, http.RequestAborted) : null;
        var caller = http.Caller();
        if (order?.Evidence.FirstOrDefault(f => f.Id == id) is not { } file
            || !(file.DisputeId is { } disputeId ? caller.CanSee(order, order.Dispute(disputeId)!) : caller.CanSee(order) && caller.Role != Role.Mediator)
            || await contents.ReadAsync(id, http.RequestAborted) is not { } content)
        {
            return Problems.From(OrderCommands.NotFound);
        }

        return Results.File(content, file.ContentType, file.FileName);
    }
}
