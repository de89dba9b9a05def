using Microsoft.Playwright;

namespace Arbiter.Web.Tests.Support;

/// <summary>Full-page screenshots of the main pages, into docs/screenshots, where README shows them.</summary>
public static class Screenshots
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");

    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}.png"), FullPage = true });

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Arbiter.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Arbiter.slnx) above the test binaries.");
    }
}
