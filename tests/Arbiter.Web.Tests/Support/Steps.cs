using Arbiter.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Arbiter.Web.Tests.Support;

/// <summary>What a person does on the pages, by the labels and names they read.</summary>
public static class Steps
{
    /// <summary>A tiny real PNG, as a buyer's photo of the damage.</summary>
    public static readonly byte[] Photo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>From the buyer's order page, through the questionnaire; answers with the dispute page.</summary>
    public static async Task OpenDisputeAsync(IPage buyer, string orderId, string description = "The display arrived cracked.")
    {
        await buyer.GotoAsync($"/orders/{orderId}");
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Open dispute" }).ClickAsync();
        await buyer.GetByLabel("Yes, but there is a problem").CheckAsync();
        await buyer.GetByLabel("2. What is the problem?").SelectOptionAsync("damaged");
        await buyer.GetByLabel("5. Describe the problem in your own words").FillAsync(description);
        await buyer.Locator("#evidence").SetInputFilesAsync(new FilePayload { Name = "crack.png", MimeType = "image/png", Buffer = Photo });
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Open dispute" }).ClickAsync();
        await Assertions.Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Dispute about Bike speedometer" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// A dispute taken to a mediator as people do it on the pages: the buyer opens it, the seller
    /// rejects the claim, the buyer escalates. Answers with the buyer's and the seller's pages.
    /// </summary>
    public static async Task<(IPage Buyer, IPage Seller)> EscalatedDisputeAsync(Site site, string orderId)
    {
        var buyer = await site.SignInAsync("b1");
        await OpenDisputeAsync(buyer, orderId);
        var seller = await site.SignInAsync("s1", $"/disputes/{orderId}-d1");
        await seller.GetByLabel("Why you reject the claim").FillAsync("It left our warehouse intact.");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Reject claim" }).ClickAsync();
        await buyer.ReloadAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Escalate" }).ClickAsync();
        await Status(buyer).ToContainTextAsync("with a mediator");
        return (buyer, seller);
    }

    /// <summary>Every control says what it is: a label for each field, a name for each button.</summary>
    public static async Task ExpectEveryControlLabelledAsync(IPage page)
    {
        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
                .filter(e => e.tagName === 'BUTTON' ? !e.textContent.trim() : !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
                .map(e => e.outerHTML)
            """);
        Assert.Empty(unlabelled);
    }

    /// <summary>axe-core, run inside the page: no serious or critical accessibility violation.</summary>
    public static async Task ExpectAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: {string.Join("; ", serious)}");
    }

    /// <summary>
    /// What the page shows, as rendered in the browser (the scripts' relative times included), says
    /// no snake_case code, no ISO date or time, and none of <paramref name="minorAmounts"/> as bare cents.
    /// </summary>
    public static async Task ExpectWordsOnlyAsync(IPage page, params string[] minorAmounts)
    {
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotMatch(Unreadable.SnakeCase(), text);
        Assert.DoesNotMatch(Unreadable.IsoInstant(), text);
        foreach (var amount in minorAmounts)
        {
            Assert.DoesNotMatch($@"(?<![\d.,]){amount}(?![\d.,])", text);
        }
    }

    public static ILocatorAssertions Status(IPage page) => Assertions.Expect(page.Locator("#status"));
}
