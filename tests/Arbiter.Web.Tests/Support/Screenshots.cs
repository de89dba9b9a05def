using Arbiter.Testing;
using Microsoft.Playwright;

namespace Arbiter.Web.Tests.Support;

/// <summary>Full-page screenshots of the main pages, into docs/screenshots, where README shows them.</summary>
public static class Screenshots
{
    private static readonly string Folder = Path.Combine(Repository.Root, "docs", "screenshots");

    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}.png"), FullPage = true });
}
