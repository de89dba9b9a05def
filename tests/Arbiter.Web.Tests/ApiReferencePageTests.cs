using Arbiter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arbiter.Web.Tests;

/// <summary>The browsable API reference works from the service alone: nothing it loads comes from elsewhere.</summary>
public sealed class ApiReferencePageTests(BrowserFixture browser) : IAsyncLifetime
{
    private Site _site = null!;

    public async ValueTask InitializeAsync() => _site = await Site.StartAsync(browser.Browser);

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task The_reference_page_loads_nothing_from_outside_the_service()
    {
        var page = await _site.NewPageAsync(desktop: true);
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.Scheme is "http" or "https" && url.Host != "127.0.0.1")
            {
                elsewhere.Add(request.Url);
            }
        };

        await page.GotoAsync("/docs/");
        // The reference renders a 280 kB document in the page: on a busy machine that takes a while.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Arbiter API" }).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(elsewhere.Count == 0, string.Join('\n', elsewhere));
    }
}
