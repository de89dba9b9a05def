using Arbiter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arbiter.Web.Tests;

/// <summary>
/// Every page each role reaches, in each language, on a phone and at a desk: axe-core, run inside the page,
/// finds no serious or critical violation, and every control is labelled.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser) : IAsyncLifetime
{
    private Site _site = null!;

    public async ValueTask InitializeAsync() => _site = await Site.StartAsync(browser.Browser);

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Theory]
    [InlineData("English", "en", false)]
    [InlineData("English", "en", true)]
    [InlineData("Русский", "ru", false)]
    [InlineData("Русский", "ru", true)]
    [InlineData("中文", "zh-Hans", false)]
    [InlineData("中文", "zh-Hans", true)]
    public async Task Every_page_passes_axe_in_every_language_at_every_size(string language, string code, bool desktop)
    {
        await _site.ShippedOrderAsync("o1");
        await _site.ShippedOrderAsync("o2");
        await _site.PostAsync("/api/v1/orders", Arbiter.Testing.SampleOrders.OneLine("o3"));
        var (buyer, seller) = await Steps.EscalatedDisputeAsync(_site, "o1");
        var mediator = await _site.SignInAsync("m1", "/queue");
        var stranger = await _site.NewPageAsync();
        await stranger.GotoAsync("/");

        (IPage Page, string[] Paths)[] walks =
        [
            (stranger, ["/", "/signin"]),
            (buyer, ["/orders", "/orders/o1", "/disputes/o1-d1", "/orders/o2/dispute?line=l1", "/settings"]),
            (seller, ["/orders", "/orders/o3", "/disputes/o1-d1"]),
            (mediator, ["/queue", "/disputes/o1-d1"]),
        ];
        foreach (var (page, paths) in walks)
        {
            if (desktop)
            {
                await page.SetViewportSizeAsync(1280, 900);
            }

            if (language != "English")
            {
                await page.GetByRole(AriaRole.Button, new() { Name = language }).ClickAsync();
            }

            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                await Expect(page.Locator("main h1")).ToBeVisibleAsync();
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", code);
                await Steps.ExpectEveryControlLabelledAsync(page);
                await Steps.ExpectAccessibleAsync(page);
            }
        }
    }
}
