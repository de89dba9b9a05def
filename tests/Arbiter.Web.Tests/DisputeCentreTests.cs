using Arbiter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arbiter.Web.Tests;

/// <summary>The dispute centre in a real browser (headless Chromium, a phone-sized window), against a real Arbiter process.</summary>
public sealed class DisputeCentreTests(BrowserFixture browser) : IAsyncLifetime
{
    private Site _site = null!;

    public async ValueTask InitializeAsync() => _site = await Site.StartAsync(browser.Browser);

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task A_buyer_opens_a_dispute_the_seller_counter_offers_and_the_buyer_cancels_and_reopens()
    {
        await _site.ShippedOrderAsync("o1");
        var buyer = await _site.SignInAsync("b1", "/orders");
        var elsewhere = new List<string>();
        buyer.Request += (_, request) =>
        {
            if (new Uri(request.Url).Authority != _site.Address.Authority)
            {
                elsewhere.Add(request.Url);
            }
        };
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "My orders" })).ToBeVisibleAsync();
        await Expect(buyer.Locator("time.countdown").First).ToContainTextAsync("in ");
        await Screenshots.SaveAsync(buyer, "buyer-orders");

        await buyer.GotoAsync("/orders/o1");
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Open dispute" }).ClickAsync();
        await Expect(buyer.GetByLabel("4. How much do you ask back?", new() { Exact = false })).ToHaveValueAsync("22.99");
        await Steps.ExpectEveryControlLabelledAsync(buyer);
        await Screenshots.SaveAsync(buyer, "open-dispute");
        await Steps.OpenDisputeAsync(buyer, "o1");
        await Steps.Status(buyer).ToContainTextAsync("awaiting seller response");
        await Expect(buyer.GetByText("crack.png")).ToBeVisibleAsync();

        var seller = await _site.SignInAsync("s1", "/orders");
        await seller.GetByRole(AriaRole.Link, new() { Name = "Dispute o1-d1" }).ClickAsync();
        await seller.GetByLabel("Amount (USD", new() { Exact = false }).FillAsync("10.00");
        await seller.GetByLabel("Note to the buyer").FillAsync("Half back, keep the item.");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Send offer" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Status)).ToContainTextAsync("Your offer was sent");

        await buyer.ReloadAsync();
        await Expect(buyer.GetByText("$10.00", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(buyer.GetByRole(AriaRole.Button, new() { Name = "Accept offer" })).ToBeVisibleAsync();
        await Steps.ExpectEveryControlLabelledAsync(buyer);
        await Screenshots.SaveAsync(buyer, "dispute-with-offer");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Cancel dispute" }).ClickAsync();
        await Steps.Status(buyer).ToContainTextAsync("cancelled");

        await Steps.OpenDisputeAsync(buyer, "o1", "Still cracked: opening again.");
        await Expect(buyer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/disputes/o1-d2$"));
        await Steps.Status(buyer).ToContainTextAsync("awaiting seller response");
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task The_buyer_is_warned_of_a_seller_asking_to_close_the_dispute_and_of_cancelling_near_the_end_of_protection()
    {
        await _site.ShippedOrderAsync("o5");
        await _site.AdvanceAsync(days: 57);
        var buyer = await _site.SignInAsync("b1");
        await Steps.OpenDisputeAsync(buyer, "o5");
        var seller = await _site.SignInAsync("s1", "/disputes/o5-d1");
        await seller.GetByLabel("Write a message").FillAsync("Please cancel the dispute and I will refund you via PayPal.");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();

        await buyer.ReloadAsync();
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Be careful" })).ToBeVisibleAsync();
        await Expect(buyer.GetByText("asks to pay or refund outside this platform", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(buyer.Locator(".warning").Last).ToContainTextAsync("Buyer protection ends at");
        await Screenshots.SaveAsync(buyer, "dispute-warnings");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Cancel dispute" }).ClickAsync();
        await Steps.Status(buyer).ToContainTextAsync("awaiting seller response");

        await buyer.GetByLabel("I understand, cancel anyway").CheckAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Cancel dispute" }).ClickAsync();
        await Steps.Status(buyer).ToContainTextAsync("cancelled");
    }

    [Fact]
    public async Task Evidence_opens_for_the_parties_and_not_for_a_stranger()
    {
        await _site.ShippedOrderAsync("o6");
        var buyer = await _site.SignInAsync("b1");
        await Steps.OpenDisputeAsync(buyer, "o6");
        var seller = await _site.SignInAsync("s1", "/disputes/o6-d1");
        var link = seller.GetByRole(AriaRole.Link, new() { Name = "crack.png" });
        var download = await seller.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("crack.png", download.SuggestedFilename);

        await _site.AccountAsync("b2", "buyer", "Someone Else");
        var stranger = await _site.SignInAsync("b2");
        var response = await stranger.GotoAsync((await link.GetAttributeAsync("href"))!);
        Assert.Equal(404, response!.Status);
        await Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_refund_that_keeps_failing_waits_in_the_mediators_queue_until_retried()
    {
        await _site.ShippedOrderAsync("o4", paymentReference: "decline_o4");
        var buyer = await _site.SignInAsync("b1");
        await Steps.OpenDisputeAsync(buyer, "o4");
        await _site.AdvanceAsync(days: 6);
        await _site.AdvanceAsync(days: 1);
        await _site.AdvanceAsync(days: 2);

        var mediator = await _site.SignInAsync("m1", "/queue");
        await Expect(mediator.GetByText("simulated: the card issuer declined the refund", new() { Exact = false })).ToBeVisibleAsync();
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Retry o4-r1" }).ClickAsync();
        // The simulated payment system declines this order's refunds every time, and may do so again before the queue
        // shows, so the retry is checked where it stays: the notice and the order's history.
        await Expect(mediator.GetByRole(AriaRole.Status)).ToContainTextAsync("Refund o4-r1 is asked for again.");

        await buyer.GotoAsync("/orders/o4");
        await Expect(buyer.GetByText("Mia Mediator (mediator): refund tried again")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_silent_seller_loses_when_the_clock_advances()
    {
        await _site.ShippedOrderAsync("o2");
        var buyer = await _site.SignInAsync("b1");
        await Steps.OpenDisputeAsync(buyer, "o2");
        await Expect(buyer.GetByText("The seller must answer by then", new() { Exact = false })).ToBeVisibleAsync();

        await _site.AdvanceAsync(days: 6);
        await buyer.ReloadAsync();
        await Steps.Status(buyer).ToContainTextAsync("resolved");
        await Expect(buyer.Locator("#outcome")).ToContainTextAsync("The seller did not answer in time: a refund of $22.99");
        await Expect(buyer.Locator(".refund-state")).ToContainTextAsync("on its way (sim_");
        await buyer.GotoAsync("/orders/o2");
        await Expect(buyer.GetByText("$22.99 to the original payment method", new() { Exact = false })).ToBeVisibleAsync();

        // The sandbox's payment simulator pays it 7 to 10 business days later.
        await _site.AdvanceAsync(days: 15);
        await buyer.ReloadAsync();
        await Expect(buyer.Locator(".refund-state")).ToContainTextAsync("paid on");
    }

    [Fact]
    public async Task A_mediator_asks_the_buyer_a_question_and_decides()
    {
        await _site.ShippedOrderAsync("o3");
        var (buyer, _) = await Steps.EscalatedDisputeAsync(_site, "o3");

        var mediator = await _site.SignInAsync("m1");
        await Expect(mediator.GetByRole(AriaRole.Heading, new() { Name = "Mediation queue" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(mediator, "mediator-queue");
        await mediator.GetByRole(AriaRole.Link, new() { Name = "o3-d1" }).ClickAsync();
        await mediator.GetByLabel("Question").FillAsync("Please send a photo of the packaging.");
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        await Expect(mediator.GetByRole(AriaRole.Status)).ToContainTextAsync("Your question was sent");

        await buyer.ReloadAsync();
        await Expect(buyer.GetByText("Please send a photo of the packaging.")).ToBeVisibleAsync();
        await buyer.GetByLabel("Your answer").FillAsync("The box was crushed on one corner.");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Respond now" }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Status)).ToContainTextAsync("Your answer was sent");

        await mediator.ReloadAsync();
        await Expect(mediator.GetByText("The box was crushed on one corner.", new() { Exact = false })).ToBeVisibleAsync();
        await mediator.GetByLabel("Full refund, the buyer keeps the item").CheckAsync();
        await mediator.GetByLabel("Reasons, for both parties").FillAsync("Damaged in transit; the packaging shows it.");
        await Screenshots.SaveAsync(mediator, "mediator-dispute");
        await mediator.GetByLabel("I have read both sides and the evidence").CheckAsync();
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Expect(mediator.Locator("#outcome")).ToContainTextAsync("Decided by the mediator: a refund of $22.99");

        await buyer.ReloadAsync();
        await Expect(buyer.Locator("#outcome")).ToContainTextAsync("Decided by the mediator: a refund of $22.99");
    }

    [Fact]
    public async Task Accepting_no_refund_takes_effect_only_once_the_warning_is_confirmed()
    {
        await _site.ShippedOrderAsync("o4");
        var buyer = await _site.SignInAsync("b1");
        await Steps.OpenDisputeAsync(buyer, "o4");
        var seller = await _site.SignInAsync("s1", "/disputes/o4-d1");
        await seller.GetByLabel("No return, no refund").CheckAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "Send offer" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Status)).ToContainTextAsync("Your offer was sent");

        await buyer.ReloadAsync();
        await Expect(buyer.GetByText("you get nothing back", new() { Exact = false })).ToBeVisibleAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Accept offer" }).ClickAsync();
        await Expect(buyer.GetByLabel("I understand that I get no refund")).ToBeFocusedAsync();
        await Steps.Status(buyer).ToContainTextAsync("negotiating");

        // Past the browser's own check, the service still refuses without the confirmation.
        await buyer.EvaluateAsync("document.querySelector('input[name=confirm]').remove()");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Accept offer" }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Alert).First).ToContainTextAsync("you get nothing back");
        await Steps.Status(buyer).ToContainTextAsync("negotiating");

        await buyer.GetByLabel("I understand that I get no refund").CheckAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Accept offer" }).ClickAsync();
        await Steps.Status(buyer).ToContainTextAsync("resolved");
        await Expect(buyer.Locator("#outcome")).ToContainTextAsync("no refund");
    }
}
