using Arbiter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arbiter.Web.Tests;

/// <summary>
/// The dispute centre as people abroad use it: a Russian buyer on a phone in Moscow, a Chinese
/// seller at a desk in Shanghai, a mediator switching language. Every page they reach passes
/// axe-core without a serious violation.
/// </summary>
public sealed class LanguagesTests(BrowserFixture browser) : IAsyncLifetime
{
    private Site _site = null!;

    public async ValueTask InitializeAsync() => _site = await Site.StartAsync(browser.Browser);

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task A_Russian_buyer_on_a_phone_opens_a_dispute_and_reads_it_in_words_and_Moscow_time()
    {
        await _site.ShippedOrderAsync("o1");
        var buyer = await _site.SignInAsync("b1", "/orders", locale: "ru-RU", timeZone: "Europe/Moscow");
        await Expect(buyer.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Мои заказы" })).ToBeVisibleAsync();
        await Steps.ExpectAccessibleAsync(buyer);

        // The device's zone is known from the first page on: no time says UTC.
        await buyer.GetByRole(AriaRole.Link, new() { Name = "o1" }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Заказ o1" })).ToBeVisibleAsync();
        await Expect(buyer.Locator("main")).Not.ToContainTextAsync("UTC");
        await Expect(buyer.Locator("main")).ToContainTextAsync("22,99 $");
        await Expect(buyer.Locator("time.countdown").First).ToContainTextAsync("через");
        await Steps.ExpectAccessibleAsync(buyer);

        await buyer.GetByRole(AriaRole.Link, new() { Name = "Открыть спор" }).ClickAsync();
        await buyer.GetByLabel("Да, но с ним проблема").CheckAsync();
        await buyer.GetByLabel("2. В чём проблема?").SelectOptionAsync("damaged");
        await buyer.GetByLabel("5. Опишите проблему своими словами").FillAsync("Экран треснул.");
        await Steps.ExpectAccessibleAsync(buyer);
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Открыть спор" }).ClickAsync();

        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Спор о товаре «Bike speedometer»" })).ToBeVisibleAsync();
        await Expect(buyer.GetByRole(AriaRole.Status)).ToContainTextAsync("Спор открыт.");
        await Steps.Status(buyer).ToContainTextAsync("ждёт ответа продавца");
        await Expect(buyer.Locator("main")).ToContainTextAsync("Продавец должен ответить до этого срока");
        await Expect(buyer.Locator("ol.timeline")).ToContainTextAsync("вы: спор открыт");
        await Steps.ExpectEveryControlLabelledAsync(buyer);
        await Steps.ExpectAccessibleAsync(buyer);
        await Screenshots.SaveAsync(buyer, "dispute-ru-phone");
    }

    [Fact]
    public async Task A_Chinese_seller_at_a_desk_answers_a_dispute_with_an_offer()
    {
        await _site.ShippedOrderAsync("o1");
        await Steps.OpenDisputeAsync(await _site.SignInAsync("b1"), "o1");
        var seller = await _site.SignInAsync("s1", "/orders", locale: "zh-CN", timeZone: "Asia/Shanghai", desktop: true);
        await Expect(seller.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "等待您回应的纠纷" })).ToBeVisibleAsync();
        await Steps.ExpectAccessibleAsync(seller);

        await seller.GetByRole(AriaRole.Link, new() { Name = "纠纷 o1-d1" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "关于“Bike speedometer”的纠纷" })).ToBeVisibleAsync();
        await Steps.ExpectAccessibleAsync(seller);
        await seller.GetByLabel("金额（USD", new() { Exact = false }).FillAsync("10.00");
        await seller.GetByLabel("给买家的备注").FillAsync("退一半，商品请保留。");
        await seller.GetByRole(AriaRole.Button, new() { Name = "发送方案" }).ClickAsync();

        await Expect(seller.GetByRole(AriaRole.Status)).ToContainTextAsync("您的方案已发送给买家。");
        await Steps.Status(seller).ToContainTextAsync("协商中");
        await Expect(seller.Locator(".offer")).ToContainTextAsync("$10.00");
        await Expect(seller.Locator("main")).ToContainTextAsync("年");
        await Steps.ExpectAccessibleAsync(seller);
        await Screenshots.SaveAsync(seller, "dispute-zh-desktop");
    }

    [Fact]
    public async Task The_language_switch_is_on_every_page_and_stays_chosen()
    {
        await _site.ShippedOrderAsync("o1");
        await Steps.EscalatedDisputeAsync(_site, "o1");
        var mediator = await _site.SignInAsync("m1", "/queue", desktop: true);
        await Expect(mediator.GetByRole(AriaRole.Heading, new() { Name = "Mediation queue" })).ToBeVisibleAsync();

        await mediator.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Expect(mediator.GetByRole(AriaRole.Heading, new() { Name = "调解队列" })).ToBeVisibleAsync();
        await Steps.ExpectAccessibleAsync(mediator);
        await mediator.GetByRole(AriaRole.Link, new() { Name = "o1-d1" }).ClickAsync();
        await Expect(mediator.GetByRole(AriaRole.Heading, new() { Name = "关于“Bike speedometer”的纠纷" })).ToBeVisibleAsync();
        await Steps.ExpectAccessibleAsync(mediator);

        await mediator.GetByRole(AriaRole.Button, new() { Name = "Русский" }).ClickAsync();
        await Expect(mediator.GetByRole(AriaRole.Heading, new() { Name = "Спор о товаре «Bike speedometer»" })).ToBeVisibleAsync();
        await mediator.GetByRole(AriaRole.Link, new() { Name = "Настройки" }).ClickAsync();
        await Expect(mediator.Locator("select#language")).ToHaveValueAsync("ru");
        await Steps.ExpectAccessibleAsync(mediator);
    }
}
