using System.Net.Http.Headers;
using Arbiter.Hosting;
using Arbiter.Storage;
using Arbiter.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Arbiter.Tests.Support;

/// <summary>
/// The real service (HTTP pipeline, database, timers) on an in-memory test server, with the
/// simulated clock starting at a fixed Monday. Dispose it to stop it; start another on the same
/// storage to restart.
/// </summary>
public sealed class ArbiterHost : IAsyncDisposable
{
    public const string PlatformKey = "test-platform-key";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private ArbiterHost(WebApplication app, TestStorage storage)
    {
        _app = app;
        Storage = storage;
    }

    public TestStorage Storage { get; }

    public string DataDirectory => Storage.DataDirectory;

    public IServiceProvider Services => _app.Services;

    public static async Task<ArbiterHost> StartAsync(Backend backend, TimeProvider? clock = null) =>
        await StartAsync(await TestStorage.NewAsync(backend), clock);

    /// <param name="simulatedPayments">Whether Arbiter's payment simulator pays refunds; else the test reports them as the platform.</param>
    /// <param name="smtp">The SMTP server (host:port) e-mail goes to; none, no e-mail.</param>
    /// <param name="mailFolder">A folder e-mail is written to as .eml files instead of SMTP.</param>
    /// <param name="webhooks">Where webhooks may go; by default also to the tests' plain-http receivers on loopback.</param>
    /// <param name="options">Any other change to the service's options.</param>
    /// <param name="configure">Changes to the service before it starts (another DNS resolver for webhooks).</param>
    internal static async Task<ArbiterHost> StartAsync(
        TestStorage storage, TimeProvider? clock = null, string? policyFile = null, bool simulatedPayments = false, string? smtp = null, string? mailFolder = null,
        WebhookNetwork? webhooks = null, Action<IServiceCollection>? configure = null, IReadOnlyList<string>? trustedProxies = null,
        Func<ServeOptions, ServeOptions>? options = null)
    {
        var serve = storage.Options() with
        {
            SimulatedClock = clock is null, ClockStart = Start, PlatformKey = PlatformKey, PolicyFile = policyFile, SimulatedPayments = simulatedPayments,
            Smtp = smtp, MailFolder = mailFolder, MailFrom = "Arbiter <disputes@shop.test>", PublicUrl = "https://disputes.shop.test",
            Webhooks = webhooks ?? new WebhookNetwork(AllowPrivate: true), TrustedProxies = trustedProxies ?? [],
        };
        var app = await ArbiterApp.BuildAsync(options is null ? serve : options(serve), clock, builder =>
        {
            // Reached over https, as the public URL says, so that its Secure cookies come back.
            builder.WebHost.UseTestServer(o => o.BaseAddress = new Uri("https://localhost/"));
            configure?.Invoke(builder.Services);
        });
        await app.Services.GetRequiredService<AccountStore>().EnsurePlatformKeyAsync(PlatformKey);
        await app.StartAsync();
        return new ArbiterHost(app, storage);
    }

    public HttpClient Client(string token)
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Platform => Client(PlatformKey);

    /// <summary>A client as a browser is: no token, its own cookies, no redirects followed.</summary>
    /// <summary>The in-memory server, for requests that set what a client cannot (the connection's address).</summary>
    public TestServer Server => _app.GetTestServer();

    /// <summary>A client that keeps the cookies it is given in <paramref name="jar"/>, as a browser does.</summary>
    public HttpClient Browser(out CookieJar jar)
    {
        var server = _app.GetTestServer();
        jar = new CookieJar(server.CreateHandler());
        return new HttpClient(jar) { BaseAddress = server.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
