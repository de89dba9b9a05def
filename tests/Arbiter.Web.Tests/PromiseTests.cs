using Arbiter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arbiter.Web.Tests;

/// <summary>The seller's promises in a real browser, from both sides: where the seeds' buyer would close the dispute, the page offers the promise.</summary>
public sealed class PromiseTests(BrowserFixture browser) : IAsyncLifetime
{
    private Site _site = null!;

    public async ValueTask InitializeAsync() => _site = await Site.StartAsync(browser.Browser);

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task A_seller_who_writes_I_will_send_a_new_one_beside_no_refund_is_offered_the_promise_and_the_buyer_gets_the_replacement()
    {
        await _site.ShippedOrderAsync("o1");
        var buyer = await _site.SignInAsync("b1");
        await Steps.OpenDisputeAsync(buyer, "o1");

        var seller = await _site.SignInAsync("s1", "/disputes/o1-d1");
        await seller.GetByLabel("No return, no refund").CheckAsync();
        await seller.GetByLabel("Note to the buyer").FillAsync("Sorry! I will send you a new one, close the dispute please.");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Send offer" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Make it a promise instead?" })).ToBeVisibleAsync();
        await Steps.ExpectEveryControlLabelledAsync(seller);
        await seller.GetByRole(AriaRole.Button, new() { Name = "Promise a replacement" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Status)).ToContainTextAsync("Your promise was sent to the buyer.");

        await buyer.ReloadAsync();
        await Expect(buyer.GetByText("Accepting gives nothing up", new() { Exact = false })).ToBeVisibleAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Accept the promise" }).ClickAsync();
        await Steps.Status(buyer).ToContainTextAsync("awaiting replacement");

        await seller.ReloadAsync();
        await seller.GetByLabel("Carrier").FillAsync("DHL");
        await seller.GetByLabel("Tracking number").FillAsync("JD0002");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Record replacement shipment" }).ClickAsync();
        await Steps.Status(seller).ToContainTextAsync("awaiting replacement receipt");

        await buyer.ReloadAsync();
        await Expect(buyer.GetByText("The replacement was shipped with DHL, tracking JD0002", new() { Exact = false })).ToBeVisibleAsync();
        await Steps.ExpectEveryControlLabelledAsync(buyer);
        await buyer.GetByLabel("The replacement came and is right").CheckAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Confirm the replacement" }).ClickAsync();
        await Steps.Status(buyer).ToContainTextAsync("resolved");
        await Expect(buyer.Locator("#outcome")).ToContainTextAsync("The buyer received the replacement");
    }

    [Fact]
    public async Task A_buyer_who_waits_for_the_parcel_stays_protected_and_can_stop_waiting()
    {
        await _site.ShippedOrderAsync("o2");
        var buyer = await _site.SignInAsync("b1", "/orders/o2");
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Open dispute" }).ClickAsync();
        await buyer.GetByLabel("No, it never arrived").CheckAsync();
        await buyer.GetByLabel("2. What is the problem?").SelectOptionAsync("not_received_in_transit");
        await buyer.GetByLabel("5. Describe the problem in your own words").FillAsync("Nothing came after 30 days.");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Open dispute" }).ClickAsync();

        var seller = await _site.SignInAsync("s1", "/disputes/o2-d1");
        await seller.GetByLabel("The parcel is on its way: ask the buyer to wait (a promise)").CheckAsync();
        await seller.GetByLabel("Days to wait, for a wait", new() { Exact = false }).FillAsync("12");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Send offer" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Status)).ToContainTextAsync("Your promise was sent to the buyer.");

        await buyer.ReloadAsync();
        await Expect(buyer.GetByText("Wait 12 more days for the parcel")).ToBeVisibleAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Accept the promise" }).ClickAsync();
        await Steps.Status(buyer).ToContainTextAsync("waiting for delivery");
        await Expect(buyer.GetByText("If not, do nothing: when the wait ends the dispute resumes by itself", new() { Exact = false })).ToBeVisibleAsync();

        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "The seller's record, last 90 days" })).ToBeVisibleAsync();
        await Expect(buyer.GetByText("1 order, ", new() { Exact = false })).ToBeVisibleAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Stop waiting: the parcel has not come" }).ClickAsync();
        await Steps.Status(buyer).ToContainTextAsync("negotiating");
    }

    [Fact]
    public async Task A_buyer_about_to_cancel_near_the_end_of_protection_asks_for_more_time_and_the_seller_agrees()
    {
        await _site.ShippedOrderAsync("o3");
        await _site.AdvanceAsync(days: 57);
        var buyer = await _site.SignInAsync("b1");
        await Steps.OpenDisputeAsync(buyer, "o3");
        await Expect(buyer.GetByText("Instead of cancelling, ask the seller for more protection", new() { Exact = false })).ToBeVisibleAsync();
        await Steps.ExpectEveryControlLabelledAsync(buyer);

        await buyer.GetByLabel("More days of protection").FillAsync("15");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Ask for more time" }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Status)).ToContainTextAsync("The seller is asked for 15 more days of protection");
        await Steps.Status(buyer).ToContainTextAsync("awaiting seller response");

        var seller = await _site.SignInAsync("s1", "/orders/o3");
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "The buyer asks for more protection" })).ToBeVisibleAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "Agree to 15 more days" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Status)).ToContainTextAsync("You agreed to more time.");
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "The buyer asks for more protection" })).ToHaveCountAsync(0);
    }
}
