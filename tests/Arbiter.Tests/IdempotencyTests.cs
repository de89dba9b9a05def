using System.Net;
using System.Net.Http.Json;
using Arbiter.Tests.Support;
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
    public async Task The_same_key_with_a_different_request_is_refused()
    {
        await using var host = await ArbiterHost.StartAsync(backend);
        var market = await Marketplace.OpenAsync(host);
        await market.CreateOrderAsync("o1");

        HttpRequestMessage Extend(int days) => new(HttpMethod.Post, "/api/v1/orders/o1/processing-extensions")
        {
            Headers = { { "Idempotency-Key", "k" } },
            Content = JsonContent.Create(new { days }),
        };
        await Expect(await market.Seller.SendAsync(Extend(3)), HttpStatusCode.OK);
        await ExpectProblem(await market.Seller.SendAsync(Extend(4)), HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal("2026-03-12T09:00:00Z", Text(await GetAsync(market.Platform, "/api/v1/orders/o1"), "processingDeadline"));
    }
}

public sealed class IdempotencyTestsOnSqlite() : IdempotencyTests(Backend.Sqlite);

public sealed class IdempotencyTestsOnPostgres() : IdempotencyTests(Backend.Postgres);
