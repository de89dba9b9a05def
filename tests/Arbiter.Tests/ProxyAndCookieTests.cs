using System.Net;
using System.Net.Http.Json;
using Arbiter.Api;
using Arbiter.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>Cookies only over HTTPS when the service is reached over HTTPS; a forwarded client address is believed only from a configured proxy.</summary>
public sealed class ProxyAndCookieTests
{
    [Fact]
    public async Task Session_and_form_cookies_are_secure_when_the_public_address_is_https()
    {
        await using var host = await ArbiterHost.StartAsync(await TestStorage.NewAsync(Backend.Sqlite));
        await OpenAsync(host);
        var link = await Expect(await host.Platform.PostAsJsonAsync("/api/v1/accounts/b1/sign-in-links", new { }), HttpStatusCode.Created);

        // Even when the request reached Arbiter over plain http, as from a proxy that ends TLS.
        var signedIn = await host.Server.SendAsync(c =>
        {
            c.Request.Scheme = "http";
            c.Request.Method = "GET";
            c.Request.Path = "/signin/link";
            c.Request.QueryString = new QueryString(new Uri(Text(link, "url")).Query);
        });

        var session = signedIn.Response.Headers.SetCookie.Single(c => c!.StartsWith("arbiter_session=", StringComparison.Ordinal))!;
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_client_addresses_are_believed_only_from_a_trusted_proxy()
    {
        await using var host = await ArbiterHost.StartAsync(
            await TestStorage.NewAsync(Backend.Sqlite),
            trustedProxies: ["10.0.0.0/24"],
            configure: s => s.AddSingleton(_ => new FailedSignIns(perMinute: 2)));

        async Task<int> Guess(string from, string claimsToBe) => (await host.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            c.Request.Method = "GET";
            c.Request.Path = "/api/v1/orders/o1";
            c.Request.Headers.Authorization = "Bearer forged";
            c.Request.Headers["X-Forwarded-For"] = claimsToBe;
        })).Response.StatusCode;

        // Through the trusted proxy, each client has its own allowance.
        int[] viaProxy = [await Guess("10.0.0.5", "198.51.100.1"), await Guess("10.0.0.5", "198.51.100.1"), await Guess("10.0.0.5", "198.51.100.1")];
        Assert.Equal([401, 401, 429], viaProxy);
        Assert.Equal(401, await Guess("10.0.0.5", "198.51.100.2"));

        // From anywhere else, the header is not believed: the caller is who connected.
        int[] direct = [await Guess("192.0.2.7", "198.51.100.3"), await Guess("192.0.2.7", "198.51.100.4"), await Guess("192.0.2.7", "198.51.100.5")];
        Assert.Equal([401, 401, 429], direct);
    }
}
