using System.Net;
using System.Text.Json.Nodes;
using Arbiter.Domain.Common;
using Arbiter.Web;
using MimeKit;

namespace Arbiter.Mail;

/// <summary>An e-mail about to be sent: whom to, about which event, and the link that stops reminders.</summary>
internal sealed record MailToSend(string Id, string DisplayName, string Email, JsonNode Event, string UnsubscribeUrl);

/// <summary>Writes an event's e-mail, text and HTML, with the link to the dispute or order and its deadline.</summary>
internal static class MailComposer
{
    public static MimeMessage Compose(MailSettings settings, MailTemplate template, MailToSend mail)
    {
        var e = mail.Event;
        var orderId = Text(e, "orderId");
        var disputeId = e["disputeId"]?.GetValue<string>();
        var link = $"{settings.PublicUrl.TrimEnd('/')}/{(disputeId is null ? $"orders/{orderId}" : $"disputes/{disputeId}")}";
        string Fill(string text) => text
            .Replace("{order}", orderId, StringComparison.Ordinal)
            .Replace("{dispute}", disputeId ?? "", StringComparison.Ordinal)
            .Replace("{amount}", (e["refund"] ?? e["chargeback"]) is { } money ? Money.Of(money["amount"]!.GetValue<long>(), Text(money, "currency")).ToString() : "", StringComparison.Ordinal)
            .Replace("{deadline}", Deadline(e) is { } due ? Display.When(due) : "the deadline", StringComparison.Ordinal);

        var message = new MimeMessage { Subject = Fill(template.Subject), MessageId = $"{mail.Id.Replace(':', '.')}@arbiter" };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(mail.DisplayName, mail.Email));
        message.Headers.Add("Arbiter-Event-Id", Text(e, "id"));
        var body = Fill(template.Body);
        var footer = template.Reminder
            ? $"You get reminders like this one for your orders. Stop them: {mail.UnsubscribeUrl}"
            : "You get this e-mail because it concerns your order or dispute; it cannot be turned off.";
        if (template.Reminder)
        {
            message.Headers.Add("List-Unsubscribe", $"<{mail.UnsubscribeUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        var builder = new BodyBuilder
        {
            TextBody = $"Hello {mail.DisplayName},\n\n{body}\n\nOpen it: {link}\n\n--\n{footer}\n",
            HtmlBody = $"""
                <!doctype html><html><body style="font-family: sans-serif">
                <p>Hello {Html(mail.DisplayName)},</p>
                <p>{Html(body)}</p>
                <p><a href="{Html(link)}">Open {Html(disputeId is null ? $"order {orderId}" : $"dispute {disputeId}")}</a></p>
                <hr><p style="color: #666; font-size: small">{(template.Reminder
                    ? $"You get reminders like this one for your orders. <a href=\"{Html(mail.UnsubscribeUrl)}\">Stop reminders</a>."
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
