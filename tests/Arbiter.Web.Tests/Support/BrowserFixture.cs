using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Arbiter.Web.Tests.Support.BrowserFixture))]

namespace Arbiter.Web.Tests.Support;

/// <summary>One headless Chromium for the whole assembly: Debian's, since Playwright cannot download its own here.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: run scripts/install-test-deps.sh (it installs Debian's chromium).");
        }

        // The pages are served beside the rest of the suite on two shared cores: a post, its redirect
        // and the page after may take longer than Playwright's default five seconds to appear.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
