using System.Net;
using System.Text.Json.Nodes;
using Arbiter.Domain.Common;
using Arbiter.Web.Localization;
using MimeKit;

namespace Arbiter.Mail;

/// <summary>
/// An e-mail about to be sent: whom to, in which language and time zone, in which words (the key
/// its subject and body are under, <c>Mail.{type}</c> or the mediator's <c>Mail.{type}.Mediator</c>),
/// about which event, and the link that stops reminders.
/// </summary>
internal sealed record MailToSend(string Id, string DisplayName, string Email, Reader Reader, string Texts, JsonNode Event, string UnsubscribeUrl);

/// <summary>Writes an event's e-mail, text and HTML, in its reader's language, with the link to the dispute or order and its deadline on the reader's clock.</summary>
internal static class MailComposer
{
    public static MimeMessage Compose(MailSettings settings, MailTemplate template, MailToSend mail)
    {
        var w = new Wording(mail.Reader);
        var e = mail.Event;
        var orderId = Text(e, "orderId");
        var disputeId = e["disputeId"]?.GetValue<string>();
        var link = $"{settings.PublicUrl.TrimEnd('/')}/{(disputeId is null ? $"orders/{orderId}" : $"disputes/{disputeId}")}";
        string Fill(string text) => text
            .Replace("{order}", orderId, StringComparison.Ordinal)
            .Replace("{dispute}", disputeId ?? "", StringComparison.Ordinal)
            .Replace("{amount}", (e["refund"] ?? e["chargeback"]) is { } money ? w.Money(money["amount"]!.GetValue<long>(), Text(money, "currency")) : "", StringComparison.Ordinal)
            .Replace("{deadline}", Deadline(e) is { } due ? w.When(due) : w["Mail.TheDeadline"], StringComparison.Ordinal);

        var message = new MimeMessage { Subject = Fill(w[$"{mail.Texts}.Subject"]), MessageId = $"{mail.Id.Replace(':', '.')}@arbiter" };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(mail.DisplayName, mail.Email));
        message.Headers.Add("Arbiter-Event-Id", Text(e, "id"));
        message.Headers.Add(HeaderId.ContentLanguage, w.Culture.Name);
        var body = Fill(w[$"{mail.Texts}.Body"]);
        var hello = w["Mail.Hello", mail.DisplayName];
        var open = w[disputeId is null ? "Mail.OpenOrder" : "Mail.OpenDispute", disputeId ?? orderId];
        var footer = template.Reminder ? w["Mail.ReminderFooter", mail.UnsubscribeUrl] : w["Mail.Footer"];
        if (template.Reminder)
        {
            message.Headers.Add("List-Unsubscribe", $"<{mail.UnsubscribeUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        var builder = new BodyBuilder
        {
            TextBody = $"{hello}\n\n{body}\n\n{open}: {link}\n\n--\n{footer}\n",
            HtmlBody = $"""
                <!doctype html><html lang="{w.Culture.Name}"><body style="font-family: sans-serif">
                <p>{Html(hello)}</p>
                <p>{Html(body)}</p>
                <p><a href="{Html(link)}">{Html(open)}</a></p>
                <hr><p style="color: #666; font-size: small">{(template.Reminder
                    ? $"{Html(w["Mail.ReminderFooterHtml"])} <a href=\"{Html(mail.UnsubscribeUrl)}\">{Html(w["Mail.StopReminders"])}</a>."
                    : Html(footer))}</p>
                </body></html>
                """,
        };
        message.Body = builder.ToMessageBody();
        return message;
    }

    /// <summary>The deadline the e-mail is about: the dispute's running one, else the end of buyer protection.</summary>
    private static DateTime? Deadline(JsonNode e) =>
        e["dispute"]?["deadline"]?["dueAt"]?.GetValue<DateTime>() ?? e["order"]?["protectionEndsAt"]?.GetValue<DateTime?>();

    private static string Text(JsonNode node, string property) => node[property]!.GetValue<string>();

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
