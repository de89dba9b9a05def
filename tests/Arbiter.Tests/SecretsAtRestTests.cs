using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Arbiter.Security;
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
        Assert.StartsWith("sealed2:", stored, StringComparison.Ordinal);
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
        await store.ResealStoredSecretsAsync();

        Assert.StartsWith("sealed2:", await ScalarAsync("SELECT secret FROM webhook_endpoints WHERE id = @id", id), StringComparison.Ordinal);
        Assert.StartsWith("sealed2:", await ScalarAsync("SELECT previous_secret FROM webhook_endpoints WHERE id = @id", id), StringComparison.Ordinal);
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
        Assert.Contains(">sealed2:", ring, StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", ring, StringComparison.Ordinal);

        await using var restarted = await ArbiterHost.StartAsync(Host.Storage);
        Assert.Equal(HttpStatusCode.OK, (await SignedInAsync(restarted, cookie)).StatusCode);
    }

    [Fact]
    public async Task The_sealing_key_changes_in_place_and_the_old_one_can_then_go()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await Market.SubscribeAsync(receiver.Url, "order.created");
        using var browser = await WebBrowser.SignInAsync(Host, "b1");
        var cookie = browser.SessionCookie();
        var oldKey = await File.ReadAllTextAsync(Host.Storage.SecretsKeyFile);
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var newId = SealingKey.Parse(newKey)!.Id;

        await File.WriteAllTextAsync(Host.Storage.SecretsKeyFile, $"{newKey}\n{oldKey}");
        await using (var both = await ArbiterHost.StartAsync(Host.Storage))
        {
            Assert.StartsWith($"sealed2:{newId}:", await ScalarAsync("SELECT secret FROM webhook_endpoints WHERE id = @id", Text(endpoint, "id")), StringComparison.Ordinal);
            Assert.Contains($">sealed2:{newId}:", await ScalarAsync("SELECT xml FROM data_protection_keys", null), StringComparison.Ordinal);
        }

        await File.WriteAllTextAsync(Host.Storage.SecretsKeyFile, newKey);
        await using (var onlyNew = await ArbiterHost.StartAsync(Host.Storage))
        {
            Assert.Equal(HttpStatusCode.OK, (await SignedInAsync(onlyNew, cookie)).StatusCode);
            var reopened = (await onlyNew.Services.GetRequiredService<WebhookStore>().FindAsync(Text(endpoint, "id"), TestContext.Current.CancellationToken))!;
            Assert.Equal(Text(endpoint, "secret"), reopened.Secret);
        }

        await File.WriteAllTextAsync(Host.Storage.SecretsKeyFile, oldKey);
        var refused = await Assert.ThrowsAnyAsync<CryptographicException>(() => ArbiterHost.StartAsync(Host.Storage));
        Assert.Contains(newId, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_stands_for_the_key_and_takes_over_from_the_key_file()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await Market.SubscribeAsync(receiver.Url, "order.created");
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=arbiter sealing", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var pem = Path.Combine(Host.DataDirectory, "sealing.pem");
        await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());
        var pfx = Path.Combine(Host.DataDirectory, "sealing.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12));
        var certificateKey = SealingKey.FromCertificate(certificate).Id;

        await using (var sealedByCertificate = await ArbiterHost.StartAsync(Host.Storage, options: o => o with { SecretsCertificates = [pem] }))
        {
            Assert.StartsWith($"sealed2:{certificateKey}:", await ScalarAsync("SELECT secret FROM webhook_endpoints WHERE id = @id", Text(endpoint, "id")), StringComparison.Ordinal);
        }

        Assert.Equal(certificateKey, SealingKeySources.Load([pfx], null, null).Ring!.Current.Id);
        using var ecdsa = ECDsa.Create();
        var ecFile = Path.Combine(Host.DataDirectory, "ec.pfx");
        await File.WriteAllBytesAsync(ecFile, new CertificateRequest("CN=ec", ecdsa, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1)).Export(X509ContentType.Pkcs12));
        Assert.Contains("has no RSA private key", SealingKeySources.Load([ecFile], null, null).Error, StringComparison.Ordinal);
        Assert.Contains("must exist", SealingKeySources.Load([], Path.Combine(Host.DataDirectory, "missing.key"), null).Error, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SignedInAsync(ArbiterHost host, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders");
        request.Headers.Add("Cookie", cookie);
        return await host.Client("").SendAsync(request);
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
