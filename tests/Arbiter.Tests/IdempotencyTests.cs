using System.Net;
using System.Net.Http.Json;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

public abstract class IdempotencyTests(Backend backend)
{
    [Fact]
    public async Task A_retried_money_moving_request_with_the_same_key_is_replayed_not_repeated()
    {
        await using var host = await ArbiterHost.StartAsync(backend);
        var market = await Marketplace.OpenAsync(host);
        await market.ShippedOrderAsync("o1");

        HttpRequestMessage Confirm() => new(HttpMethod.Post, "/api/v1/orders/o1/confirm-receipt") { Headers = { { "Idempotency-Key", "confirm-1" } } };
        var first = await market.Buyer.SendAsync(Confirm());
        var retry = await market.Buyer.SendAsync(Confirm());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        var order = await GetAsync(market.Platform, "/api/v1/orders/o1");
        Assert.Equal("2299", Text(order, "escrow.released"));
    }

    [Fact]
    public async Task Two_copies_of_one_request_racing_with_the_same_key_run_once()
    {
        await using var host = await ArbiterHost.StartAsync(backend);
        var market = await Marketplace.OpenAsync(host);
        var id = Text(await market.DisputeAsync("o1"), "id");

        HttpRequestMessage Offer() => new(HttpMethod.Post, $"/api/v1/disputes/{id}/offers")
        {
            Headers = { { "Idempotency-Key", "offer-1" } },
            Content = JsonContent.Create(new { type = "refund_only", amount = 500 }),
        };
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => market.Seller.SendAsync(Offer())));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains("Idempotent-Replayed"));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{r.StatusCode}"));
        Assert.Single((await GetAsync(market.Platform, $"/api/v1/disputes/{id}"))["offers"]!.AsArray());
    }

    [Fact]
    public async Task A_failed_request_frees_its_key_for_a_retry()
    {
        await using var host = await ArbiterHost.StartAsync(backend);
        var market = await Marketplace.OpenAsync(host);
        var id = Text(await market.DisputeAsync("o1"), "id");

        HttpRequestMessage Confirm() => new(HttpMethod.Post, "/api/v1/orders/o1/confirm-receipt") { Headers = { { "Idempotency-Key", "confirm" } } };
        await ExpectProblem(await market.Buyer.SendAsync(Confirm()), HttpStatusCode.Conflict, "dispute_open");
        await PostOk(market.Buyer, $"/api/v1/disputes/{id}/cancel", new { confirm = true });

        Assert.Equal("completed", Text(await Expect(await market.Buyer.SendAsync(Confirm()), HttpStatusCode.OK), "status"));
    }

    [Fact]
    public async Task The_same_key_with_a_different_request_is_refused()
    {
        await using var host = await ArbiterHost.StartAsync(backend);
        var market = await Marketplace.OpenAsync(host);
        await market.CreateOrderAsync("o1");

        await Expect(await market.Platform.SendAsync(Extend(3)), HttpStatusCode.OK);
        await ExpectProblem(await market.Platform.SendAsync(Extend(4)), HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal("2026-03-12T09:00:00Z", Text(await GetAsync(market.Platform, "/api/v1/orders/o1"), "processingDeadline"));
    }

    [Fact]
    public async Task A_key_is_remembered_for_a_day_and_then_forgotten()
    {
        await using var host = await ArbiterHost.StartAsync(backend);
        var market = await Marketplace.OpenAsync(host);
        await market.CreateOrderAsync("o1");
        await Expect(await market.Platform.SendAsync(Extend(1)), HttpStatusCode.OK);

        await market.AdvanceAsync(hours: 23);
        await ExpectProblem(await market.Platform.SendAsync(Extend(2)), HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        await market.AdvanceAsync(hours: 2);
        await Expect(await market.Platform.SendAsync(Extend(2)), HttpStatusCode.OK);

        // Both extensions ran: one day, then two.
        Assert.Equal("2026-03-12T09:00:00Z", Text(await GetAsync(market.Platform, "/api/v1/orders/o1"), "processingDeadline"));
    }

    [Fact]
    public async Task A_reservation_whose_request_never_finished_frees_itself_after_a_few_minutes()
    {
        await using var host = await ArbiterHost.StartAsync(backend);
        var market = await Marketplace.OpenAsync(host);
        await market.ShippedOrderAsync("o1");
        HttpRequestMessage Confirm() => new(HttpMethod.Post, "/api/v1/orders/o1/confirm-receipt") { Headers = { { "Idempotency-Key", "crashed" } } };
        await Expect(await market.Buyer.SendAsync(Confirm()), HttpStatusCode.OK);
        await using (var connection = await host.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken))
        {
            // As a node leaves it when it dies between reserving the key and storing the answer.
            await connection.ExecuteAsync("UPDATE idempotency SET status_code = 0, body = @empty WHERE key = 'crashed'", new { empty = Array.Empty<byte>() });
        }

        await ExpectProblem(await market.Buyer.SendAsync(Confirm()), HttpStatusCode.Conflict, "idempotency_key_in_progress");
        await market.AdvanceAsync(minutes: 6);

        // Run again, the command meets the order as the first run left it.
        await ExpectProblem(await market.Buyer.SendAsync(Confirm()), HttpStatusCode.Conflict, "invalid_state");
        Assert.Equal("2299", Text(await GetAsync(market.Platform, "/api/v1/orders/o1"), "escrow.released"));
    }

    [Fact]
    public async Task A_secret_is_shown_once_and_a_replay_withholds_it()
    {
        await using var host = await ArbiterHost.StartAsync(backend);
        var market = await Marketplace.OpenAsync(host);
        await using var receiver = await WebhookReceiver.StartAsync();
        var requests = new (string Path, object Body, string Field)[]
        {
            ("/api/v1/accounts", new { id = "b7", role = "buyer", displayName = "Seven" }, "token"),
            ("/api/v1/accounts/b1/sign-in-links", new { }, "url"),
            ("/api/v1/webhook-endpoints", new { url = receiver.Url, eventTypes = new[] { "*" } }, "secret"),
        };

        foreach (var (path, body, field) in requests)
        {
            HttpRequestMessage Send() => new(HttpMethod.Post, path) { Headers = { { "Idempotency-Key", $"once{path}" } }, Content = JsonContent.Create(body) };
            var first = await Expect(await market.Platform.SendAsync(Send()), HttpStatusCode.Created);
            var replay = await market.Platform.SendAsync(Send());
            var replayed = await Expect(replay, HttpStatusCode.Created);

            var secret = Text(first, field);
            Assert.NotEqual("null", secret);
            Assert.Equal("null", Text(replayed, field));
            Assert.Equal(field, replay.Headers.GetValues("Idempotent-Secret-Withheld").Single());
            await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
            var stored = await connection.QuerySingleAsync<byte[]>("SELECT body FROM idempotency WHERE key = @key", new { key = $"once{path}" });
            Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        }
    }

    /// <summary>The platform's processing extension (it applies at once) under the one idempotency key "k".</summary>
    private static HttpRequestMessage Extend(int days) => new(HttpMethod.Post, "/api/v1/orders/o1/processing-extensions")
    {
        Headers = { { "Idempotency-Key", "k" } },
        Content = JsonContent.Create(new { days }),
    };
}


public sealed class IdempotencyTestsOnSqlite() : IdempotencyTests(Backend.Sqlite);

public sealed class IdempotencyTestsOnPostgres() : IdempotencyTests(Backend.Postgres);
