using Arbiter.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Arbiter.Web.Pages;

/// <summary>An account's e-mail settings: reminders can be turned off; what concerns their money always comes.</summary>
internal sealed class SettingsModel(AccountStore accounts, TimeProvider clock) : SignedInPage(clock)
{
    public bool Reminders { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Reminders = await accounts.WantsRemindersAsync(Caller.AccountId!, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool reminders)
    {
        await accounts.SetRemindersAsync(Caller.AccountId!, reminders, HttpContext.RequestAborted);
        return Done(null, reminders ? "You will get reminders before your deadlines." : "Reminders are off. E-mail about your orders and disputes still comes.");
    }
}
