using System.Net;
using System.Net.Http.Headers;
using Arbiter.Api;
using Arbiter.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>Files go in and out a chunk at a time, through the API and the pages alike, and a node takes only so many uploads at once.</summary>
public abstract class UploadTests(Backend backend) : MarketplaceTest(backend)
{
    [Fact]
    public async Task A_photo_of_megabytes_goes_in_through_the_dispute_page_and_out_whole_with_its_length()
    {
        var dispute = Text(await Market.DisputeAsync("o1"), "id");
        var photo = Photo(3 * 1024 * 1024);
        using var browser = await WebBrowser.SignInAsync(Host, "b1");

        var posted = await browser.PostFormAsync($"/disputes/{dispute}?handler=Evidence", [], [("file", "parcel.png", new ByteArrayContent(photo))]);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var evidence = (await GetAsync(Market.Buyer, $"/api/v1/disputes/{dispute}"))["evidence"]!.AsArray().Single(e => Text(e!, "fileName") == "parcel.png")!;
        foreach (var download in new[] { await Market.Seller.GetAsync($"/api/v1/evidence/{Text(evidence, "id")}"), await browser.GetAsync($"/evidence/{Text(evidence, "id")}") })
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(photo.Length, download.Content.Headers.ContentLength);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal(photo, await download.Content.ReadAsByteArrayAsync());
        }
    }

    /// <summary>
    /// A browser still showing the page may load its photos between the form's redirect and the page it leads to;
    /// the file must leave the notice to that page.
    /// </summary>
    [Fact]
    public async Task A_photo_loaded_while_a_form_redirects_leaves_the_notice_to_the_page()
    {
        var dispute = Text(await Market.DisputeAsync("o1"), "id");
        using var browser = await WebBrowser.SignInAsync(Host, "b1");
        await browser.PostFormAsync($"/disputes/{dispute}?handler=Evidence", [], [("file", "first.png", new ByteArrayContent(Evidence.PngBytes))]);
        var first = (await GetAsync(Market.Buyer, $"/api/v1/disputes/{dispute}"))["evidence"]!.AsArray().Single(e => Text(e!, "fileName") == "first.png")!;
        await browser.PageAsync($"/disputes/{dispute}");

        using var posted = await browser.PostFormAsync($"/disputes/{dispute}?handler=Evidence", [], [("file", "second.png", new ByteArrayContent(Evidence.PngBytes))]);
        using var photo = await browser.GetAsync($"/evidence/{Text(first, "id")}?inline=true");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Contains("""<p class="notice" role="status">second.png was added.</p>""", await browser.PageAsync($"/disputes/{dispute}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dispute_form_takes_a_few_files_and_says_so_when_given_more()
    {
        await Market.ShippedOrderAsync("o1");
        using var browser = await WebBrowser.SignInAsync(Host, "b1");
        string[] fields = ["Received=true", "Reason=damaged", "Solution=RefundOnly", "Amount=5", "Description=Broken."];
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Split('=')[0], f.Split('=')[1])).ToList();
        var files = Enumerable.Range(1, RequestLimitsMiddleware.FilesPerForm + 1)
            .Select(i => ("Evidence", $"photo{i}.png", (HttpContent)new ByteArrayContent(Photo(200 * 1024)))).ToList();

        var tooMany = await browser.PostFormAsync("/orders/o1/dispute", form, files);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        Assert.Contains($"Choose at most {RequestLimitsMiddleware.FilesPerForm} files here", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ExpectProblem(await Market.Buyer.GetAsync("/api/v1/disputes/o1-d1"), HttpStatusCode.NotFound, "not_found");
        await using (var connection = await Host.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM evidence_chunks"));
        }

        var opened = await browser.PostFormAsync("/orders/o1/dispute", form, files[..RequestLimitsMiddleware.FilesPerForm]);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(RequestLimitsMiddleware.FilesPerForm, (await GetAsync(Market.Buyer, "/api/v1/disputes/o1-d1"))["evidence"]!.AsArray().Count);
    }

    [Fact]
    public async Task One_uploader_gets_a_few_uploads_at_once_whatever_the_door_and_others_still_get_theirs()
    {
        var dispute = Text(await Market.DisputeAsync("o1"), "id");
        var held = Enumerable.Range(0, UploadLimits.PerUploader).Select(_ => new HeldFile()).ToList();
        var running = held.Select(f => Market.Buyer.PostAsync($"/api/v1/disputes/{dispute}/evidence", f.Content())).ToList();
        await Task.WhenAll(held.Select(f => f.Reading));

        var refused = await Market.Buyer.PostAsync($"/api/v1/disputes/{dispute}/evidence", Evidence.Png());
        await ExpectProblem(refused, HttpStatusCode.TooManyRequests, "too_many_uploads");
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter!.Delta);
        using var browser = await WebBrowser.SignInAsync(Host, "b1");
        var page = await browser.PostFormAsync($"/disputes/{dispute}?handler=Evidence", [], [("file", "photo.png", new ByteArrayContent(Evidence.PngBytes))]);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("<h1>Please wait a moment</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Expect(await Market.Seller.PostAsync($"/api/v1/disputes/{dispute}/evidence", Evidence.Png()), HttpStatusCode.Created);

        held.ForEach(f => f.Release());
        foreach (var upload in running)
        {
            await Expect(await upload, HttpStatusCode.Created);
        }

        await Expect(await Market.Buyer.PostAsync($"/api/v1/disputes/{dispute}/evidence", Evidence.Png()), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_node_takes_only_as_many_uploads_at_once_as_its_operator_allows()
    {
        await using var host = await ArbiterHost.StartAsync(Host.Storage, options: o => o with { ConcurrentUploads = 1 });
        var market = Market.Reconnect(host);
        var dispute = Text(await market.DisputeAsync("o1"), "id");
        var held = new HeldFile();
        var running = market.Buyer.PostAsync($"/api/v1/disputes/{dispute}/evidence", held.Content());
        await held.Reading;

        await ExpectProblem(await market.Seller.PostAsync($"/api/v1/disputes/{dispute}/evidence", Evidence.Png()), HttpStatusCode.TooManyRequests, "too_many_uploads");

        held.Release();
        await Expect(await running, HttpStatusCode.Created);
        await Expect(await market.Seller.PostAsync($"/api/v1/disputes/{dispute}/evidence", Evidence.Png()), HttpStatusCode.Created);
    }

    /// <summary>A PNG of about <paramref name="size"/> bytes: the signature, then noise.</summary>
    private static byte[] Photo(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        Evidence.PngBytes.AsSpan(0, 16).CopyTo(bytes);
        return bytes;
    }

    /// <summary>
    /// An upload whose body stops after its first mebibyte until released. Once that much has been
    /// read, the server is reading it (the test server passes at most 64 KiB ahead of its reader),
    /// so the upload holds its place in the limiter.
    /// </summary>
    private sealed class HeldFile
    {
        private const int Before = 1024 * 1024;
        private readonly TaskCompletionSource _reading = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly byte[] _bytes = Photo(Before);
        private int _sent;

        public Task Reading => _reading.Task;

        public void Release() => _released.TrySetResult();

        public MultipartFormDataContent Content()
        {
            var file = new StreamContent(new Gate(this));
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            return new MultipartFormDataContent { { file, "file", "held.png" } };
        }

        private async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct)
        {
            if (_sent == Before)
            {
                _reading.TrySetResult();
                await _released.Task.WaitAsync(ct);
                return 0;
            }

            var count = Math.Min(buffer.Length, Before - _sent);
            _bytes.AsMemory(_sent, count).CopyTo(buffer);
            _sent += count;
            return count;
        }

        private sealed class Gate(HeldFile file) : Stream
        {
            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => file.ReadAsync(buffer, cancellationToken);

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}

public sealed class UploadTestsOnSqlite() : UploadTests(Backend.Sqlite);

public sealed class UploadTestsOnPostgres() : UploadTests(Backend.Postgres);
