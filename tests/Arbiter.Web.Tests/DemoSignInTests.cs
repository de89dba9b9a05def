using Arbiter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arbiter.Web.Tests;

/// <summary>In demo mode anyone can try the dispute centre as one of the demo accounts.</summary>
public sealed class DemoSignInTests(BrowserFixture browser) : IAsyncLifetime
{
    private Site _site = null!;

    public async ValueTask InitializeAsync() => _site = await Site.StartAsync(browser.Browser, demo: true);

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task A_visitor_picks_a_demo_account_sees_its_orders_and_signs_out()
    {
        var page = await _site.NewPageAsync();
        await page.GotoAsync("/orders");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "demo-sign-in");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Bea Buyer (buyer)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My orders" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "ord-2026-000104" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Buyer protection and disputes" })).ToBeVisibleAsync();
        await page.GotoAsync("/orders");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}
