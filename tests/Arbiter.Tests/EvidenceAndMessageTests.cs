using System.Net;
using System.Net.Http.Json;
using System.Text;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

public abstract class EvidenceAndMessageTests(Backend backend) : MarketplaceTest(backend)
{
    [Fact]
    public async Task Evidence_is_checked_by_content_stored_with_the_order_and_listed_on_the_dispute()
    {
        await Market.ShippedOrderAsync("o1");
        var upload = await Expect(await Market.Buyer.PostAsync("/api/v1/orders/o1/evidence", Evidence.Png()), HttpStatusCode.Created);
        Assert.Equal("image/png", Text(upload, "contentType"));
        var evidenceId = Text(upload, "id");
        Assert.Matches("^o1-e[0-9a-f]{32}$", evidenceId);
        Assert.Equal(HttpStatusCode.OK, (await Market.Buyer.GetAsync($"/api/v1/evidence/{evidenceId}")).StatusCode);
        await ExpectProblem(await Market.Seller.GetAsync($"/api/v1/evidence/{evidenceId}"), HttpStatusCode.NotFound, "not_found");

        var dispute = await Expect(await Market.Buyer.PostAsJsonAsync("/api/v1/orders/o1/disputes", new
        {
            lineId = "l1", received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "See photo.", evidenceIds = new[] { evidenceId },
        }), HttpStatusCode.Created);
        Assert.Equal(evidenceId, Text(dispute["evidence"]![0]!, "id"));

        var download = await Market.Seller.GetAsync($"/api/v1/evidence/{evidenceId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Evidence.PngBytes, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_large_file_is_stored_a_mebibyte_at_a_time_and_comes_back_whole()
    {
        var id = Text(await Market.DisputeAsync("o1"), "id");
        var video = new byte[(5 * 1024 * 1024) + 123];
        new Random(7).NextBytes(video);
        "\0\0\0\u0018ftypmp42"u8.ToArray().CopyTo(video, 0);

        var upload = await Expect(await Market.Buyer.PostAsync($"/api/v1/disputes/{id}/evidence", Evidence.File(video, "parcel.mp4", "video/mp4")), HttpStatusCode.Created);

        Assert.Equal(video.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(upload, "size"));
        await using (var connection = await Host.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal(6, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM evidence_chunks WHERE id = @id", new { id = Text(upload, "id") }));
        }

        Assert.Equal(video, await (await Market.Seller.GetAsync($"/api/v1/evidence/{Text(upload, "id")}")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_file_stored_before_chunks_still_downloads()
    {
        var id = Text(await Market.DisputeAsync("o1"), "id");
        var upload = await Expect(await Market.Buyer.PostAsync($"/api/v1/disputes/{id}/evidence", Evidence.Png()), HttpStatusCode.Created);
        await using (var connection = await Host.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync(
                "DELETE FROM evidence_chunks WHERE id = @id; INSERT INTO evidence_content (id, content) VALUES (@id, @content)",
                new { id = Text(upload, "id"), content = Evidence.PngBytes });
        }

        Assert.Equal(Evidence.PngBytes, await (await Market.Seller.GetAsync($"/api/v1/evidence/{Text(upload, "id")}")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_file_name_shows_and_downloads_without_folders_or_invisible_characters()
    {
        var id = Text(await Market.DisputeAsync("o1"), "id");
        var upload = await Expect(await Market.Buyer.PostAsync($"/api/v1/disputes/{id}/evidence", Evidence.Png("..\\..\\photo\u202Egnp.exe\u0007.png")), HttpStatusCode.Created);

        Assert.Equal("photognp.exe.png", Text(upload, "fileName"));
        var download = await Market.Seller.GetAsync($"/api/v1/evidence/{Text(upload, "id")}");
        Assert.Equal("photognp.exe.png", download.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task Files_that_are_not_images_video_or_pdf_are_refused_whatever_their_name()
    {
        var id = Text(await Market.DisputeAsync("o1"), "id");
        var script = Evidence.File(Encoding.UTF8.GetBytes("#!/bin/sh\necho hi"), "photo.png", "image/png");
        await ExpectProblem(await Market.Buyer.PostAsync($"/api/v1/disputes/{id}/evidence", script), HttpStatusCode.UnsupportedMediaType, "unsupported_file_type");
        await ExpectProblem(await Market.Buyer.PostAsync($"/api/v1/disputes/{id}/evidence", new MultipartFormDataContent { { new StringContent("no file"), "note" } }), HttpStatusCode.UnprocessableEntity, "file_required");
        Assert.Empty((await GetAsync(Market.Buyer, $"/api/v1/disputes/{id}"))["evidence"]!.AsArray());

        var pdf = Evidence.File(Encoding.ASCII.GetBytes("%PDF-1.7\n%tracking screenshot"), "tracking.pdf", "application/pdf");
        await Expect(await Market.Seller.PostAsync($"/api/v1/disputes/{id}/evidence", pdf), HttpStatusCode.Created);
        var tooLarge = Evidence.File(new byte[21 * 1024 * 1024], "huge.png", "image/png");
        await ExpectProblem(await Market.Buyer.PostAsync($"/api/v1/disputes/{id}/evidence", tooLarge), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Theory]
    [InlineData("Please close the dispute and I will send a new one.", "asks_to_cancel_dispute")]
    [InlineData("I can refund you directly via PayPal, no need for the platform.", "asks_to_pay_outside_platform")]
    [InlineData("Confirm receipt now and the parcel will come next week.", "asks_to_confirm_receipt_early")]
    [InlineData("Leave a 5 star review and I give you a bonus refund.", "offers_review_trade")]
    public async Task A_seller_message_with_a_known_trap_carries_a_warning_for_the_buyer(string text, string warning)
    {
        var id = Text(await Market.DisputeAsync("o1"), "id");
        var message = await Expect(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{id}/messages", new { text }), HttpStatusCode.Created);

        Assert.Contains(warning, message["warnings"]!.AsArray().Select(w => w!.GetValue<string>()));
        var shown = await GetAsync(Market.Buyer, $"/api/v1/disputes/{id}");
        Assert.Contains(warning, shown["messages"]![0]!["warnings"]!.AsArray().Select(w => w!.GetValue<string>()));
    }

    [Fact]
    public async Task An_ordinary_message_carries_no_warning()
    {
        var id = Text(await Market.DisputeAsync("o1"), "id");
        var message = await Expect(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{id}/messages", new { text = "Sorry about that, could you send a photo of the box?" }), HttpStatusCode.Created);
        Assert.Empty(message["warnings"]!.AsArray());
    }

    [Fact]
    public async Task The_service_publishes_an_openapi_document_and_a_browsable_reference()
    {
        var client = Host.Client("none");
        var document = await GetAsync(client, "/openapi/v1.json");
        Assert.NotNull(document["paths"]!["/api/v1/disputes/{id}/offers/{offerId}/accept"]);
        Assert.NotNull(document["components"]!["schemas"]!["DisputeView"]!["properties"]!["allowedActions"]);
        Assert.NotNull(document["components"]!["schemas"]!["OrderView"]!["properties"]!["escrow"]);

        // Every call carries a bearer token, so that requests can be tried from the reference; a POST may carry an Idempotency-Key.
        Assert.Equal("http", Marketplace.Text(document["components"]!["securitySchemes"]!["bearer"]!, "type"));
        Assert.Equal("bearer", Marketplace.Text(document["components"]!["securitySchemes"]!["bearer"]!, "scheme"));
        Assert.NotNull(document["security"]![0]!["bearer"]);
        Assert.Contains(
            document["paths"]!["/api/v1/orders"]!["post"]!["parameters"]!.AsArray(),
            p => Marketplace.Text(p!, "name") == "Idempotency-Key" && Marketplace.Text(p!, "in") == "header");
        var docs = await client.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}

public sealed class EvidenceAndMessageTestsOnSqlite() : EvidenceAndMessageTests(Backend.Sqlite);

public sealed class EvidenceAndMessageTestsOnPostgres() : EvidenceAndMessageTests(Backend.Postgres);
