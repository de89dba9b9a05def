using System.Net.Http.Json;
using Arbiter.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Arbiter.Web.Tests;

/// <summary>An account's e-mail settings in a real browser: reminders off and on again.</summary>
public sealed class SettingsTests(BrowserFixture browser) : IAsyncLifetime
{
    private Site _site = null!;

    public async ValueTask InitializeAsync() => _site = await Site.StartAsync(browser.Browser);

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task A_buyer_turns_reminders_off_and_on_from_the_settings_page()
    {
        var buyer = await _site.SignInAsync("b1", "/orders");
        await buyer.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        var reminders = buyer.GetByLabel("E-mail me reminders before my deadlines", new() { Exact = false });
        await Expect(reminders).ToBeCheckedAsync();
        await Steps.ExpectEveryControlLabelledAsync(buyer);

        await reminders.UncheckAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Status)).ToContainTextAsync("Reminders are off");
        await Expect(reminders).Not.ToBeCheckedAsync();
        Assert.False(await RemindersAsync());

        await reminders.CheckAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(reminders).ToBeCheckedAsync();
        Assert.True(await RemindersAsync());
    }

    private async Task<bool> RemindersAsync() =>
        (await _site.Platform.GetFromJsonAsync<Preferences>("/api/v1/accounts/b1/mail-preferences"))!.Reminders;

    private sealed record Preferences(bool Reminders);
}
