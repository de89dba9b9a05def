using Arbiter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arbiter.Web.Tests;

/// <summary>
/// One whole dispute, in each language at each size, by the words its readers see: the buyer
/// opens it with a photo, the seller offers part of the money, the buyer declines and escalates,
/// and the mediator decides a partial refund, which both parties then read. Every page on the
/// way passes axe-core, labels every control and says words, money and local time.
/// </summary>
public sealed class WholeDisputeTests(BrowserFixture browser) : IAsyncLifetime
{
    private Site _site = null!;

    public async ValueTask InitializeAsync() => _site = await Site.StartAsync(browser.Browser);

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Theory]
    [InlineData("en", "en-US", "America/New_York", false)]
    [InlineData("en", "en-GB", "Europe/London", true)]
    [InlineData("ru", "ru-RU", "Europe/Moscow", false)]
    [InlineData("ru", "ru-RU", "Asia/Novosibirsk", true)]
    [InlineData("zh-Hans", "zh-CN", "Asia/Shanghai", false)]
    [InlineData("zh-Hans", "zh-CN", "Asia/Shanghai", true)]
    public async Task A_dispute_goes_from_claim_to_decision_in_the_readers_language(string language, string locale, string timeZone, bool desktop)
    {
        var w = Words.In(language);
        await _site.ShippedOrderAsync("o1");

        var buyer = await _site.SignInAsync("b1", "/orders/o1", locale, timeZone, desktop);
        await ExpectReadableAsync(buyer, w, w["Order.Title", "o1"]);
        await buyer.GetByRole(AriaRole.Link, new() { Name = w["Order.OpenDispute"], Exact = true }).ClickAsync();
        await ExpectReadableAsync(buyer, w, w["Questionnaire.Title"]);
        await buyer.GetByLabel(w["Questionnaire.Yes"]).CheckAsync();
        await buyer.GetByLabel(w["Questionnaire.Problem"]).SelectOptionAsync("damaged");
        await buyer.GetByLabel(w["Questionnaire.Description"]).FillAsync("The display arrived cracked.");
        await buyer.Locator("#evidence").SetInputFilesAsync(new FilePayload { Name = "crack.png", MimeType = "image/png", Buffer = Steps.Photo });
        await buyer.GetByRole(AriaRole.Button, new() { Name = w["Order.OpenDispute"], Exact = true }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Status)).ToContainTextAsync(w["Notice.DisputeOpened"]);
        await Steps.Status(buyer).ToContainTextAsync(w["DisputeStatus.AwaitingSellerResponse"]);
        await ExpectReadableAsync(buyer, w, w["Dispute.Title", "Bike speedometer"]);

        var seller = await _site.SignInAsync("s1", "/disputes/o1-d1", locale, timeZone, desktop);
        await ExpectReadableAsync(seller, w, w["Dispute.Title", "Bike speedometer"]);
        await seller.GetByLabel(w.Opening("Common.Amount", "USD"), new() { Exact = false }).FillAsync(Digits(w, "10.00"));
        await seller.GetByLabel(w["MakeOffer.Note"]).FillAsync("Half back, keep the item.");
        await seller.GetByRole(AriaRole.Button, new() { Name = w["MakeOffer.Send"] }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Status)).ToContainTextAsync(w["Notice.OfferSent"]);
        await Steps.Status(seller).ToContainTextAsync(w["DisputeStatus.Negotiating"]);
        await ExpectReadableAsync(seller, w, w["Dispute.Title", "Bike speedometer"]);

        await buyer.ReloadAsync();
        await Expect(buyer.Locator(".offer")).ToContainTextAsync(Digits(w, "10.00"));
        await buyer.GetByRole(AriaRole.Button, new() { Name = w["Common.Decline"], Exact = true }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Status)).ToContainTextAsync(w["Notice.OfferDeclined"]);
        await buyer.GetByRole(AriaRole.Button, new() { Name = w["Escalate.Send"] }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Status)).ToContainTextAsync(w["Notice.Escalated"]);
        await ExpectReadableAsync(buyer, w, w["Dispute.Title", "Bike speedometer"]);

        var mediator = await _site.SignInAsync("m1", "/queue", locale, timeZone, desktop);
        await ExpectReadableAsync(mediator, w, w["Queue.Title"]);
        await mediator.GetByRole(AriaRole.Link, new() { Name = "o1-d1" }).ClickAsync();
        await ExpectReadableAsync(mediator, w, w["Dispute.Title", "Bike speedometer"]);
        await Expect(mediator.Locator("main")).ToContainTextAsync("The display arrived cracked.");
        await mediator.GetByRole(AriaRole.Radio, new() { Name = w["Decide.PartialRefund"], Exact = true }).CheckAsync();
        await mediator.GetByLabel(w["Decide.Amount", "USD"]).FillAsync(Digits(w, "15.00"));
        await mediator.GetByLabel(w["Decide.Note"]).FillAsync("Damaged in transit; most of the price back.");
        await mediator.GetByRole(AriaRole.Button, new() { Name = w["Decide.Send"] }).ClickAsync();
        await Expect(mediator.GetByLabel(w["Decide.Confirm"])).ToBeFocusedAsync();
        await mediator.GetByLabel(w["Decide.Confirm"]).CheckAsync();
        await mediator.GetByRole(AriaRole.Button, new() { Name = w["Decide.Send"] }).ClickAsync();
        await Expect(mediator.GetByRole(AriaRole.Status)).ToContainTextAsync(w["Notice.Decided"]);
        await ExpectReadableAsync(mediator, w, w["Dispute.Title", "Bike speedometer"]);

        foreach (var party in new[] { buyer, seller })
        {
            await party.ReloadAsync();
            await Expect(party.Locator("#outcome")).ToContainTextAsync(w["DecidedBy.Mediator"]);
            await Expect(party.Locator("#outcome")).ToContainTextAsync(Digits(w, "15.00"));
            await ExpectReadableAsync(party, w, w["Dispute.Title", "Bike speedometer"]);
        }
    }

    /// <summary>An amount's digits as a reader of the language types and reads them (the currency sign aside).</summary>
    private static string Digits(Words w, string amount) => amount.Replace(".", w.Culture.NumberFormat.NumberDecimalSeparator, StringComparison.Ordinal);

    /// <summary>The page is in the reader's language, titled, accessible, labelled, and says no code, ISO time or cents.</summary>
    private static async Task ExpectReadableAsync(IPage page, Words w, string heading)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", w.Language);
        await Expect(page.Locator("main h1")).ToHaveTextAsync(heading);
        await Steps.ExpectEveryControlLabelledAsync(page);
        await Steps.ExpectAccessibleAsync(page);
        await Steps.ExpectWordsOnlyAsync(page, "2299", "1999", "1000", "1500");
    }
}
