using System.Net;
using System.Net.Http.Json;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Arbiter.Webhooks;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>A copy of the database alone opens no secret: webhook secrets and the cookie-signing key ring are sealed with the operator's key.</summary>
public abstract class SecretsAtRestTests(Backend backend) : MarketplaceTest(backend)
{
    [Fact]
    public async Task A_webhook_secret_is_stored_sealed_and_still_signs()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await Market.SubscribeAsync(receiver.Url, "order.created");
        var secret = Text(endpoint, "secret");

        var stored = await ScalarAsync("SELECT secret FROM webhook_endpoints WHERE id = @id", Text(endpoint, "id"));
        Assert.StartsWith("sealed1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);

        await Market.CreateOrderAsync("o1");
        for (var i = 0; i < 10 && receiver.Accepted.Count == 0; i++)
        {
            await Market.AdvanceAsync(minutes: 10);
        }

        var delivered = Assert.Single(receiver.Accepted);
        Assert.Equal(WebhookSignature.Sign([secret], long.Parse(delivered.Signature.Split(',')[0][2..], System.Globalization.CultureInfo.InvariantCulture), System.Text.Encoding.UTF8.GetBytes(delivered.Body)), delivered.Signature);
    }

    [Fact]
    public async Task A_secret_stored_before_sealing_is_sealed_at_the_next_start_and_keeps_working()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var id = Text(await Market.SubscribeAsync(receiver.Url, "order.created"), "id");
        await ExecuteAsync("UPDATE webhook_endpoints SET secret = 'whsec_from_before', previous_secret = 'whsec_older' WHERE id = @id", id);

        var store = Host.Services.GetRequiredService<WebhookStore>();
        await store.SealStoredSecretsAsync();

        Assert.StartsWith("sealed1:", await ScalarAsync("SELECT secret FROM webhook_endpoints WHERE id = @id", id), StringComparison.Ordinal);
        Assert.StartsWith("sealed1:", await ScalarAsync("SELECT previous_secret FROM webhook_endpoints WHERE id = @id", id), StringComparison.Ordinal);
        var endpoint = (await store.FindAsync(id, TestContext.Current.CancellationToken))!;
        Assert.Equal(("whsec_from_before", "whsec_older"), (endpoint.Secret, endpoint.PreviousSecret));
    }

    [Fact]
    public async Task The_key_ring_that_signs_cookies_is_sealed_and_another_node_opens_it()
    {
        using var browser = await WebBrowser.SignInAsync(Host, "b1");
        var cookie = browser.SessionCookie();

        var ring = await ScalarAsync("SELECT xml FROM data_protection_keys", null);
        Assert.Contains("decryptorType=\"Arbiter.Security.SealedXmlDecryptor", ring, StringComparison.Ordinal);
        Assert.Contains(">sealed1:", ring, StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", ring, StringComparison.Ordinal);

        await using var restarted = await ArbiterHost.StartAsync(Host.Storage);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await restarted.Client("").SendAsync(request)).StatusCode);
    }

    private async Task<string> ScalarAsync(string sql, string? id)
    {
        await using var connection = await Host.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
        return (await connection.ExecuteScalarAsync<string>(sql, new { id }))!;
    }

    private async Task ExecuteAsync(string sql, string id)
    {
        await using var connection = await Host.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(sql, new { id });
    }
}

public sealed class SecretsAtRestTestsOnSqlite() : SecretsAtRestTests(Backend.Sqlite);

public sealed class SecretsAtRestTestsOnPostgres() : SecretsAtRestTests(Backend.Postgres);
