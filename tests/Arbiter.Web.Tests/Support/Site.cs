using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arbiter.Testing;
using Microsoft.Playwright;

namespace Arbiter.Web.Tests.Support;

/// <summary>
/// A real Arbiter process (simulated clock, its own data folder) with a buyer, a seller and a
/// mediator, and browser pages signed in as each through the platform's one-time links.
/// </summary>
public sealed class Site : IAsyncDisposable
{
    private const string PlatformKey = "web-test-platform-key";
    private readonly NodeProcess _node;
    private readonly IBrowser _browser;
    private readonly List<IBrowserContext> _contexts = [];

    private Site(NodeProcess node, IBrowser browser)
    {
        _node = node;
        _browser = browser;
        Platform = node.Client(PlatformKey);
    }

    public HttpClient Platform { get; }

    public Uri Address => _node.Address;

    public static async Task<Site> StartAsync(IBrowser browser, bool demo = false)
    {
        string[] storage = ["--data", Directory.CreateTempSubdirectory("arbiter-web-").FullName];
        var node = await NodeProcess.StartAsync(PlatformKey, demo ? [.. storage, "--demo"] : storage);
        var site = new Site(node, browser);
        if (!demo)
        {
            await site.AccountAsync("b1", "buyer", "Bea Buyer");
            await site.AccountAsync("s1", "seller", "Sam Seller");
            await site.AccountAsync("m1", "mediator", "Mia Mediator");
        }

        return site;
    }

    /// <summary>A browser page signed in as <paramref name="accountId"/> by a one-time link: phone-sized unless <paramref name="desktop"/>, with the device's language and time zone.</summary>
    public async Task<IPage> SignInAsync(string accountId, string returnTo = "/", string locale = "en-US", string timeZone = "UTC", bool desktop = false)
    {
        var link = await PostAsync($"/api/v1/accounts/{accountId}/sign-in-links", new { returnTo });
        var page = await NewPageAsync(locale, timeZone, desktop);
        await page.GotoAsync((string)link["url"]!);
        return page;
    }

    public async Task<IPage> NewPageAsync(string locale = "en-US", string timeZone = "UTC", bool desktop = false)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = desktop ? new ViewportSize { Width = 1280, Height = 900 } : new ViewportSize { Width = 390, Height = 844 },
            BaseURL = Address.ToString(),
            Locale = locale,
            TimezoneId = timeZone,
        });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>An order of one line (USD 19.99 + 3.00 shipping), shipped, so protection runs.</summary>
    /// <param name="paymentReference">The payment's reference; one starting "decline" makes the payment simulator fail its refunds.</param>
    /// <param name="returnAddress">Where a returned item goes, as the platform tells it.</param>
    public async Task ShippedOrderAsync(string id, string? paymentReference = null, string? returnAddress = null)
    {
        await PostAsync("/api/v1/orders", SampleOrders.OneLine(id, paymentReference: paymentReference, returnAddress: returnAddress));
        await PostAsync($"/api/v1/orders/{id}/shipment", new { carrier = "DHL", trackingNumber = $"JD{id}" });
    }

    public Task AccountAsync(string id, string role, string displayName) => PostAsync("/api/v1/accounts", new { id, role, displayName });

    public Task AdvanceAsync(int days) => PostAsync("/api/v1/clock/advance", new { days });

    public async Task<JsonObject> PostAsync(string path, object body)
    {
        using var response = await Platform.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        Platform.Dispose();
        await _node.DisposeAsync();
    }
}
