using Arbiter.Testing;
using Arbiter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arbiter.Web.Tests;

/// <summary>A chargeback in a real browser: the parties read what the bank decides, the mediator finds one that would pay twice.</summary>
public sealed class ChargebackTests(BrowserFixture browser) : IAsyncLifetime
{
    private Site _site = null!;

    public async ValueTask InitializeAsync() => _site = await Site.StartAsync(browser.Browser);

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task The_buyer_reads_that_the_bank_decides_and_the_mediator_finds_the_chargeback_a_sent_refund_already_pays()
    {
        await _site.PostAsync("/api/v1/orders", SampleOrders.OneLine("o1"));
        // Never shipped: the order is cancelled and refunded, and the payment simulator pays the refund.
        await _site.AdvanceAsync(days: 30);
        await _site.PostAsync("/api/v1/orders/o1/chargebacks", new { amount = 2299, reason = "goods not received" });

        var buyer = await _site.SignInAsync("b1", "/orders/o1");
        await Expect(buyer.Locator(".chargeback")).ToContainTextAsync("A chargeback of $22.99 was reported");
        await Expect(buyer.Locator(".chargeback")).ToContainTextAsync("it must be contested at the bank");

        var mediator = await _site.SignInAsync("m1", "/queue");
        await Expect(mediator.GetByRole(AriaRole.Heading, new() { Name = "Chargebacks that may pay a buyer twice" })).ToBeVisibleAsync();
        await Steps.ExpectEveryControlLabelledAsync(mediator);
        var row = mediator.GetByRole(AriaRole.Row).Filter(new() { HasText = "o1-r1" });
        await Expect(row).ToContainTextAsync("$22.99 (goods not received)");

        await _site.PostAsync("/api/v1/chargebacks/o1-c1/lost", new { });
        await buyer.ReloadAsync();
        await Expect(buyer.Locator(".chargeback")).ToContainTextAsync("the bank decided for the buyer");
    }
}
