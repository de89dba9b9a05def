using Arbiter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arbiter.Web.Tests;

/// <summary>
/// The mediator decides on one screen: the order's lines, what was paid, the shipment with a
/// tracking link, the parties by name, the seller's record, and the evidence shown, not only
/// downloadable. And before money moves, the page says what will happen to it, and the buyer who
/// must send the item back reads where to.
/// </summary>
public sealed class WorkspaceTests(BrowserFixture browser) : IAsyncLifetime
{
    private Site _site = null!;

    public async ValueTask InitializeAsync() => _site = await Site.StartAsync(browser.Browser);

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task A_mediator_sees_the_order_the_parties_and_the_evidence_beside_the_dispute()
    {
        await _site.ShippedOrderAsync("o1");
        await Steps.EscalatedDisputeAsync(_site, "o1");

        var mediator = await _site.SignInAsync("m1", "/disputes/o1-d1", desktop: true);
        var order = mediator.Locator("section[aria-labelledby=the-order]");
        await Expect(order.GetByRole(AriaRole.Heading, new() { Name = "The order o1" })).ToBeVisibleAsync();
        await Expect(order).ToContainTextAsync("Bea Buyer (buyer)");
        await Expect(order).ToContainTextAsync("Sam Seller (seller)");
        await Expect(order).ToContainTextAsync("$22.99 (paid by card)");
        await Expect(order).ToContainTextAsync("Bike speedometer (disputed)");
        await Expect(order.GetByRole(AriaRole.Link, new() { Name = "JDo1" })).ToHaveAttributeAsync("href", "https://t.17track.net/en#nums=JDo1");
        await Expect(mediator.GetByRole(AriaRole.Heading, new() { Name = "The seller's record, last 90 days" })).ToBeVisibleAsync();

        // Evidence loads as it scrolls into view.
        var photo = mediator.GetByRole(AriaRole.Img, new() { Name = "crack.png" });
        await photo.EvaluateAsync("img => img.scrollIntoView()");
        await Expect(photo).ToBeVisibleAsync();
        Assert.True(await photo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the evidence photo is not shown");
        await Steps.ExpectAccessibleAsync(mediator);
        await Screenshots.SaveAsync(mediator, "mediator-workspace");
    }

    [Fact]
    public async Task A_mediator_finds_the_disputes_given_to_them_hands_one_over_and_takes_it_back()
    {
        await _site.AccountAsync("m2", "mediator", "Noor Mediator");
        await _site.ShippedOrderAsync("o1");
        await Steps.EscalatedDisputeAsync(_site, "o1");
        await _site.AdvanceAsync(0);

        var mediator = await _site.SignInAsync("m1", "/queue");
        await mediator.GetByLabel("Assigned to").SelectOptionAsync("me");
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var row = mediator.GetByRole(AriaRole.Row).Filter(new() { HasText = "o1-d1" });
        await Expect(row).ToContainTextAsync("you");
        await Steps.ExpectAccessibleAsync(mediator);
        await row.GetByRole(AriaRole.Link, new() { Name = "o1-d1" }).ClickAsync();

        await Expect(mediator.Locator("#assignee")).ToHaveTextAsync("you");
        await mediator.GetByLabel("Hand over to").SelectOptionAsync(new SelectOptionValue { Label = "Noor Mediator (0 in mediation)" });
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Hand over", Exact = true }).ClickAsync();
        await Expect(mediator.GetByRole(AriaRole.Status)).ToContainTextAsync("The dispute was handed over.");
        await Expect(mediator.Locator("#assignee")).ToHaveTextAsync("Noor Mediator (mediator)");
        await Expect(mediator.Locator(".timeline")).ToContainTextAsync("you: assigned the dispute to a mediator: Noor Mediator (mediator)");

        await mediator.GetByRole(AriaRole.Button, new() { Name = "Take this dispute over" }).ClickAsync();
        await Expect(mediator.GetByRole(AriaRole.Status)).ToContainTextAsync("The dispute is now yours.");
        await Expect(mediator.Locator("#assignee")).ToHaveTextAsync("you");
        await Expect(mediator.GetByRole(AriaRole.Button, new() { Name = "Take this dispute over" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Before_and_after_money_moves_the_page_says_what_happens_to_it_and_offers_nothing_the_rules_refuse()
    {
        await _site.ShippedOrderAsync("o1", returnAddress: "Sam Seller\nReturns desk\n12 Harbour Road, Leith");
        var buyer = await _site.SignInAsync("b1");
        await buyer.GotoAsync("/orders/o1");
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Open dispute" }).ClickAsync();
        await buyer.GetByLabel("Yes, but there is a problem").CheckAsync();
        await buyer.GetByLabel("2. What is the problem?").SelectOptionAsync("damaged");
        await buyer.GetByLabel("I send the item back for a refund").CheckAsync();
        await buyer.GetByLabel("5. Describe the problem in your own words").FillAsync("Cracked; I will send it back.");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Open dispute" }).ClickAsync();

        // While the dispute holds the order, receipt cannot be confirmed, and the page does not offer it.
        await buyer.GotoAsync("/orders/o1");
        await Expect(buyer.GetByRole(AriaRole.Button, new() { Name = "Confirm receipt" })).ToHaveCountAsync(0);

        var seller = await _site.SignInAsync("s1", "/disputes/o1-d1");
        await Expect(seller.Locator("form[action*=AcceptClaim] .warning")).ToContainTextAsync("refunds $22.99 to the buyer once the item is back");
        await seller.GetByLabel("I accept the claim").CheckAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "Accept claim" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Status)).ToContainTextAsync("the buyer sends the item back first");

        await buyer.GotoAsync("/disputes/o1-d1");
        await Expect(buyer.Locator("address.return-address")).ToContainTextAsync("12 Harbour Road, Leith");
        await buyer.GetByLabel("Carrier").FillAsync("DHL");
        await buyer.GetByLabel("Tracking number").FillAsync("RET1");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Record return shipment" }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Status)).ToContainTextAsync("Return shipment recorded.");

        await seller.ReloadAsync();
        await Expect(seller.Locator("form[action*=ReturnReceived] .warning")).ToContainTextAsync("the buyer's refund of $22.99 then goes out");
        await seller.GetByLabel("The item is back as expected").CheckAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "Confirm returned item" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Status)).ToContainTextAsync("You confirmed the returned item: the refund of $22.99 goes out.");

        await buyer.GotoAsync("/orders/o1");
        await Expect(buyer.GetByRole(AriaRole.Button, new() { Name = "Confirm receipt" })).ToHaveCountAsync(0);
        await Expect(buyer.Locator(".refund-state").First).ToBeVisibleAsync();
    }
}
