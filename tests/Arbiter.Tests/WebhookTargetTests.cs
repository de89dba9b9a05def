using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Arbiter.Tests.Support;
using Arbiter.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>
/// Webhooks go only to the public internet (no SSRF): refused at registration in every spelling of
/// an inside address, and refused again at delivery when a name has come to resolve inward. The
/// names resolve through <see cref="TestDns"/>, whose answers a test changes as an attacker's DNS would.
/// </summary>
public abstract class WebhookTargetTests(Backend backend) : IAsyncLifetime
{
    private const string PublicAddress = "93.184.216.34";

    private readonly TestDns _dns = new();
    private readonly List<ArbiterHost> _hosts = [];

    public static TheoryData<string> InsideUrls =>
    [
        "https://127.0.0.1/hooks", "https://127.1/hooks", "https://2130706433/hooks", "https://0x7f000001/hooks", "https://0177.0.0.1/hooks",
        "https://127.255.255.254/hooks", "https://[::1]/hooks", "https://[::ffff:127.0.0.1]/hooks", "https://[0:0:0:0:0:0:0:1]/hooks",
        "https://localhost/hooks", "https://LOCALHOST./hooks", "https://shop.localhost/hooks",
        "https://169.254.169.254/latest/meta-data/", "https://metadata.google.internal/computeMetadata/v1/", "https://metadata/hooks",
        "https://[fd00::1]/hooks", "https://[fe80::1]/hooks", "https://10.0.0.1/hooks", "https://172.16.5.4/hooks", "https://192.168.1.1/hooks",
        "https://0.0.0.0/hooks", "https://[::]/hooks", "https://224.0.0.1/hooks", "https://[ff02::1]/hooks", "https://100.64.0.1/hooks",
        "https://255.255.255.255/hooks", "https://[64:ff9b::7f00:1]/hooks", "https://[2002:a9fe:a9fe::]/hooks", "https://[::127.0.0.1]/hooks",
        "https://db.internal/hooks", "https://printer.local/hooks", "https://rebound.shop.test/hooks",
    ];

    public ValueTask InitializeAsync()
    {
        _dns.Set("hooks.shop.test", PublicAddress);
        _dns.Set("rebound.shop.test", "10.1.2.3");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Theory]
    [MemberData(nameof(InsideUrls))]
    public async Task An_endpoint_inside_the_network_is_refused_at_registration(string url)
    {
        var platform = (await StartAsync(new WebhookNetwork())).Platform;

        var refused = await ExpectProblem(await Subscribe(platform, url), HttpStatusCode.UnprocessableEntity, "webhook_target_refused");

        Assert.StartsWith("Webhooks cannot go to", Text(refused, "detail"), StringComparison.Ordinal);
        Assert.Empty(await List(platform));
    }

    [Theory]
    [InlineData("http://hooks.shop.test/hooks")]
    [InlineData("https://user:secret@hooks.shop.test/hooks")]
    [InlineData("https://hooks.shop.test@169.254.169.254/hooks")]
    [InlineData("ftp://hooks.shop.test/hooks")]
    [InlineData("/hooks")]
    public async Task An_endpoint_must_be_https_without_credentials(string url)
    {
        var platform = (await StartAsync(new WebhookNetwork())).Platform;

        await ExpectProblem(await Subscribe(platform, url), HttpStatusCode.UnprocessableEntity, "invalid_url");
    }

    [Fact]
    public async Task A_public_https_endpoint_is_registered()
    {
        var platform = (await StartAsync(new WebhookNetwork())).Platform;

        var endpoint = await Expect(await Subscribe(platform, "https://hooks.shop.test/arbiter"), HttpStatusCode.Created);

        Assert.Equal("https://hooks.shop.test/arbiter", Text(endpoint, "url"));
    }

    [Fact]
    public async Task A_name_that_comes_to_resolve_inward_is_refused_at_delivery_and_nothing_reaches_the_inside()
    {
        await using var inside = await WebhookReceiver.StartAsync();
        var host = await StartAsync(new WebhookNetwork(AllowHttp: true));
        var market = await Marketplace.OpenAsync(host);
        var endpoint = await Expect(await Subscribe(market.Platform, $"http://hooks.shop.test:{new Uri(inside.Url).Port}/hooks"), HttpStatusCode.Created);

        _dns.Set("hooks.shop.test", "127.0.0.1");
        await market.CreateOrderAsync("o1");
        await market.AdvanceAsync(minutes: 10);

        Assert.Empty(inside.Received);
        var deliveries = await Expect(await market.Platform.GetAsync($"/api/v1/webhook-endpoints/{Text(endpoint, "id")}/deliveries"), HttpStatusCode.OK);
        var attempt = deliveries.AsArray().Single()!["attemptLog"]!.AsArray().First()!;
        Assert.Null(attempt["statusCode"]);
        Assert.Null(attempt["response"]);
        Assert.StartsWith("Refused to connect to hooks.shop.test: it resolves to 127.0.0.1, a loopback address", Text(attempt, "error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sandbox_switch_lets_webhooks_reach_a_receiver_on_this_machine_by_name()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        _dns.Set("sandbox.shop.test", "127.0.0.1");
        var strict = await StartAsync(new WebhookNetwork(AllowHttp: true));
        await ExpectProblem(await Subscribe(strict.Platform, receiver.Url), HttpStatusCode.UnprocessableEntity, "webhook_target_refused");

        var sandbox = await StartAsync(new WebhookNetwork(AllowPrivate: true));
        var market = await Marketplace.OpenAsync(sandbox);
        await Expect(await Subscribe(market.Platform, $"http://sandbox.shop.test:{new Uri(receiver.Url).Port}/hooks"), HttpStatusCode.Created);
        await market.CreateOrderAsync("o1");
        await market.AdvanceAsync(minutes: 10);

        Assert.Equal("order.created", Assert.Single(receiver.Accepted).EventType);
    }

    private async Task<ArbiterHost> StartAsync(WebhookNetwork network)
    {
        var host = await ArbiterHost.StartAsync(
            await TestStorage.NewAsync(backend),
            webhooks: network,
            configure: services => services.AddSingleton(s => new WebhookTargets(s.GetRequiredService<WebhookNetwork>(), _dns.ResolveAsync)));
        _hosts.Add(host);
        return host;
    }

    private static Task<HttpResponseMessage> Subscribe(HttpClient platform, string url) =>
        platform.PostAsJsonAsync("/api/v1/webhook-endpoints", new { url, eventTypes = new[] { "*" } });

    private static async Task<JsonArray> List(HttpClient platform) =>
        (await Expect(await platform.GetAsync("/api/v1/webhook-endpoints"), HttpStatusCode.OK)).AsArray();

    /// <summary>A name server whose answers the test sets; names it does not know do not resolve.</summary>
    private sealed class TestDns
    {
        private readonly ConcurrentDictionary<string, IPAddress[]> _answers = new(StringComparer.OrdinalIgnoreCase);

        public void Set(string name, params string[] addresses) => _answers[name] = [.. addresses.Select(IPAddress.Parse)];

        public Task<IPAddress[]> ResolveAsync(string name, CancellationToken ct) =>
            _answers.TryGetValue(name, out var found) ? Task.FromResult(found) : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}

public sealed class WebhookTargetTestsOnSqlite() : WebhookTargetTests(Backend.Sqlite);

public sealed class WebhookTargetTestsOnPostgres() : WebhookTargetTests(Backend.Postgres);
