using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Arbiter.Testing;
using Arbiter.Tests.Support;
using Arbiter.Web.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Arbiter.Tests;

/// <summary>
/// Every page, read in English, Russian and Chinese by the buyer, the seller and the mediator of
/// orders in every state the pages show (a dispute with an offer, messages, a question and a
/// mediator; a refund; a chargeback; an order to ship): what people read is words, money and
/// their own time, never a snake_case code, an ISO timestamp, an amount in cents, or English
/// left untranslated.
/// </summary>
public sealed partial class PageWordsTests() : MarketplaceTest(Backend.Sqlite)
{
    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.Singleline)]
    private static partial Regex Hidden();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    /// <summary>The fixture's amounts in cents (price, shipping, total, the offer, the chargeback), which must show as money.</summary>
    [GeneratedRegex(@"(?<![\d.,])(1999|2299|1000|1500)(?![\d.,])")]
    private static partial Regex MinorUnits();

    [GeneratedRegex(@"<html lang=""([^""]+)""")]
    private static partial Regex HtmlLang();

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    [InlineData("zh-Hans")]
    public async Task Every_page_says_words_money_and_local_time_in_the_readers_language(string language)
    {
        await StoriesAsync();
        var english = language == "en" ? [] : UntranslatableEnglish(language);
        (string Account, string[] Paths)[] readers =
        [
            ("b1", ["/orders", "/orders/o1", "/disputes/o1-d1", "/orders/o2", "/disputes/o2-d1", "/orders/o3", "/orders/o4", "/orders/o4/dispute?line=l1", "/settings"]),
            ("s1", ["/orders", "/orders/o1", "/disputes/o1-d1", "/orders/o3", "/disputes/o2-d1"]),
            ("m1", ["/queue", "/disputes/o1-d1", "/settings"]),
        ];

        foreach (var (account, paths) in readers)
        {
            using var browser = await WebBrowser.SignInAsync(Host, account);
            using var switched = await browser.PostFormAsync("/language", [new("language", language), new("returnUrl", "/settings")]);
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
            foreach (var path in paths)
            {
                var html = await browser.PageAsync(path);
                var said = $"{account} reading {path} in {language}";
                Assert.True(HtmlLang().Match(html).Groups[1].Value == language, $"{said}: <html lang> is not {language}");
                var text = Visible(html);
                Assert.False(Unreadable.SnakeCase().IsMatch(text), $"{said} shows a code: {Unreadable.SnakeCase().Match(text).Value}");
                Assert.False(Unreadable.IsoInstant().IsMatch(text), $"{said} shows an ISO instant: {Unreadable.IsoInstant().Match(text).Value}");
                Assert.False(MinorUnits().IsMatch(text), $"{said} shows an amount in minor units: {MinorUnits().Match(text).Value}");
                var left = english.FirstOrDefault(e => text.Contains(e, StringComparison.Ordinal));
                Assert.True(left is null, $"{said} shows English: \"{left}\"");
            }
        }
    }

    [Fact]
    public async Task The_language_chosen_is_remembered_by_the_browser_and_by_the_account_for_its_email()
    {
        using var browser = await WebBrowser.SignInAsync(Host, "b1");
        Assert.Contains("<html lang=\"en\"", await browser.PageAsync("/orders"), StringComparison.Ordinal);

        using var switched = await browser.PostFormAsync("/language", [new("language", "ru"), new("returnUrl", "/orders")]);
        Assert.Equal("/orders", switched.Headers.Location?.OriginalString);
        Assert.Contains("Мои заказы", await browser.PageAsync("/orders"), StringComparison.Ordinal);

        var settings = await Host.Services.GetRequiredService<Storage.AccountStore>().SettingsAsync("b1", TestContext.Current.CancellationToken);
        Assert.Equal("ru", settings!.Language);

        // A new browser of the same account reads in the account's language, whatever its own says.
        using var another = await WebBrowser.SignInAsync(Host, "b1");
        Assert.Contains("<html lang=\"ru\"", await another.PageAsync("/orders"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_time_zone_chosen_in_the_settings_moves_every_time_on_the_pages()
    {
        await Market.ShippedOrderAsync("o1");
        using var browser = await WebBrowser.SignInAsync(Host, "b1");
        var utc = Visible(await browser.PageAsync("/orders/o1"));
        Assert.Contains(" UTC", utc, StringComparison.Ordinal);

        using var saved = await browser.PostFormAsync("/settings", [new("reminders", "true"), new("language", "en"), new("timeZone", "Asia/Tokyo")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var tokyo = Visible(await browser.PageAsync("/orders/o1"));

        Assert.DoesNotContain(" UTC", tokyo, StringComparison.Ordinal);
        Assert.NotEqual(utc, tokyo);
        Assert.Equal("Asia/Tokyo", (await Host.Services.GetRequiredService<Storage.AccountStore>().SettingsAsync("b1", TestContext.Current.CancellationToken))!.TimeZone);
    }

    /// <summary>o1 escalated with an offer, messages and a question; o2 refunded; o3 to ship; o4 charged back.</summary>
    private async Task StoriesAsync()
    {
        var d1 = Marketplace.Text(await Market.DisputeAsync("o1"), "id");
        await Marketplace.Expect(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{d1}/offers", new { type = "refund_only", amount = 1500, note = "Half back?" }), HttpStatusCode.Created);
        await Marketplace.PostOk(Market.Buyer, $"/api/v1/disputes/{d1}/offers/of1/decline", new { });
        await Marketplace.Expect(await Market.Seller.PostAsJsonAsync($"/api/v1/disputes/{d1}/messages", new { text = "Please cancel the dispute, I will pay you back by PayPal." }), HttpStatusCode.Created);
        await Marketplace.PostOk(Market.Buyer, $"/api/v1/disputes/{d1}/escalate", new { note = "We cannot agree." });
        await Marketplace.Expect(await Market.Mediator.PostAsJsonAsync($"/api/v1/disputes/{d1}/info-requests", new { from = "buyer", question = "A photo, please.", businessDays = 3 }), HttpStatusCode.Created);
        await Market.RefundedOrderAsync("o2");
        await Market.CreateOrderAsync("o3");
        await Market.ShippedOrderAsync("o4");
        await Marketplace.Expect(await Market.Platform.PostAsJsonAsync("/api/v1/orders/o4/chargebacks", new { amount = 2299, reason = "Goods not received" }), HttpStatusCode.Created);
    }

    /// <summary>What a person sees: the page without its markup, scripts and attributes.</summary>
    private static string Visible(string html) => WebUtility.HtmlDecode(Tag().Replace(Hidden().Replace(html, " "), " "));

    /// <summary>The English of every sentence that the language says otherwise, in pieces between placeholders long enough to be telling.</summary>
    private static List<string> UntranslatableEnglish(string language)
    {
        var english = Texts.Resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!;
        var translated = Texts.Resources.GetResourceSet(CultureInfo.GetCultureInfo(language), true, false)!;
        return [.. english.Cast<System.Collections.DictionaryEntry>()
            .Where(e => !((string)e.Key).StartsWith("Mail.", StringComparison.Ordinal) && translated.GetString((string)e.Key) != (string)e.Value!)
            .SelectMany(e => Regex.Split(((string)e.Value!).Replace('|', '{'), @"\{[^}]*\}?"))
            .Select(piece => piece.Trim(' ', ',', '.', ':', ';', '(', ')'))
            .Where(piece => piece.Length >= 14)
            .Distinct()];
    }
}
