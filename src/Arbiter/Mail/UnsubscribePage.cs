using System.Net;
using Arbiter.Storage;

namespace Arbiter.Mail;

/// <summary>
/// Where a reminder's link leads: a page that asks, and the one-click POST (RFC 8058) that mail
/// programs send themselves. Only reminders stop; what a party must know keeps coming.
/// </summary>
internal static class UnsubscribePage
{
    public static void MapUnsubscribe(this IEndpointRouteBuilder app)
    {
        app.MapGet("/mail/unsubscribe", (UnsubscribeLinks links, string? token) =>
            links.AccountOf(token) is null
                ? Page(400, "This link is not valid", "Use the link from your most recent reminder.")
                : Page(200, "Stop reminders?", "You will still get e-mail about what happens to your orders and disputes.", $"/mail/unsubscribe?token={Uri.EscapeDataString(token!)}"))
            .ExcludeFromDescription();
        app.MapPost("/mail/unsubscribe", async (UnsubscribeLinks links, AccountStore accounts, string? token, CancellationToken ct) =>
            links.AccountOf(token) is { } accountId && await accounts.SetRemindersAsync(accountId, false, ct)
                ? Page(200, "Reminders stopped", "You will get no more reminders. E-mail about what happens to your orders and disputes still comes.")
                : Page(400, "This link is not valid", "Use the link from your most recent reminder."))
            .ExcludeFromDescription();
    }

    private static IResult Page(int status, string title, string text, string? confirm = null) => Results.Content(
        $"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>{WebUtility.HtmlEncode(title)} - Arbiter</title><link rel="stylesheet" href="/assets/app.css"></head>
        <body><main><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p>
        {(confirm is null ? "" : $"<form method=\"post\" action=\"{WebUtility.HtmlEncode(confirm)}\"><button type=\"submit\">Stop reminders</button></form>")}
        </main></body></html>
        """,
        "text/html; charset=utf-8",
        statusCode: status);
}
