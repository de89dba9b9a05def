using System.Data.Common;
using System.Text.Json.Nodes;
using Arbiter.Events;
using Arbiter.Storage;
using Dapper;
using Arbiter.Web.Localization;
using MailKit.Net.Smtp;
using MimeKit;

namespace Arbiter.Mail;

/// <summary>
/// E-mails every party an event concerns, over SMTP: one message per event and recipient, made when
/// the event is fanned out, sent when due, retried with growing pauses for two days if the server
/// cannot take it. An account without an address is skipped, and so is a reminder to an account
/// that turned reminders off. Each message has a stable Message-ID, so a resend after a crash is
/// recognisably the same message.
/// </summary>
internal sealed class Mailer(Database db, MailSettings settings, UnsubscribeLinks unsubscribe, TimeProvider clock, ILogger<Mailer> logger) : IOutboxConsumer
{
    private const int SendBatch = 50;
    /// <summary>A minute after the first failure, doubling each time, at most an hour between attempts, for 2 days.</summary>
    private static readonly Retries Retry = new(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(2));
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public Task<Action<OutboxEvent, SqlBatch>> PrepareAsync(DbConnection connection, DbTransaction tx, DateTimeOffset now) =>
        Task.FromResult<Action<OutboxEvent, SqlBatch>>((e, batch) =>
        {
            if (!MailTemplates.ByType.TryGetValue(e.Type, out var template))
            {
                return;
            }

            foreach (var account in Recipients(template, JsonNode.Parse(e.Payload)!))
            {
                batch.Add(
                    """
                    INSERT INTO mail_messages (id, event_id, account_id, status, attempts, next_attempt_at, lease_until, created_at, finished_at, error)
                    VALUES (@Id, @EventId, @AccountId, 'pending', 0, @Now, NULL, @Now, NULL, NULL) ON CONFLICT (id) DO NOTHING
                    """,
                    new { Id = $"{e.Id}:{account}", EventId = e.Id, AccountId = account, Now = now.ToUnixTimeMilliseconds() });
            }
        });

    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await ClaimAsync(now, ct);
        if (due.Count == 0)
        {
            return 0;
        }

        if (settings.Folder is { } folder)
        {
            Directory.CreateDirectory(folder);
            foreach (var mail in due)
            {
                var (outcome, error) = await SendAsync(mail, message => message.WriteToAsync(Path.Combine(folder, $"{now:yyyyMMdd'T'HHmmss}-{mail.Id.Replace(':', '-')}.eml"), ct));
                await RecordAsync(mail, now, outcome, error, ct);
            }

            return due.Count;
        }

        // Well within the lease, so that no other node sends these while this one still waits.
        using var smtp = new SmtpClient { Timeout = 30_000 };
        Exception? unreachable = null;
        try
        {
            await smtp.ConnectAsync(settings.Host, settings.Port, settings.Security, ct);
            if (settings.User is not null)
            {
                await smtp.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException)
        {
            unreachable = e;
        }

        foreach (var mail in due)
        {
            var (outcome, error) = unreachable is null ? await SendAsync(mail, message => smtp.SendAsync(message, ct)) : ("retry", unreachable.Message);
            await RecordAsync(mail, now, outcome, error, ct);
        }

        if (smtp.IsConnected)
        {
            await smtp.DisconnectAsync(quit: true, ct);
        }

        return due.Count;
    }

    /// <summary>
    /// The accounts an e-mail goes to; the mediator's question goes to the parties it asks. The
    /// mediator a dispute is assigned to hears of what a party does there, and of being given it
    /// by someone else.
    /// </summary>
    private static IEnumerable<string> Recipients(MailTemplate template, JsonNode e)
    {
        var actor = e["actor"]!.GetValue<string>();
        var assignee = Assignee(e);
        var byParty = actor.StartsWith("buyer:", StringComparison.Ordinal) || actor.StartsWith("seller:", StringComparison.Ordinal);
        return template.To == Audience.Assignee
            ? assignee is not null && actor != $"mediator:{assignee}" ? [assignee] : []
            : [.. PartiesTo(template.To, e, actor), .. template.TellsAssignee && byParty && assignee is not null ? [assignee] : Array.Empty<string>()];
    }

    private static string? Assignee(JsonNode e) => e["dispute"]?["assignee"]?.GetValue<string>();

    private static IEnumerable<string> PartiesTo(Audience audience, JsonNode e, string actor)
    {
        var buyer = e["order"]!["buyerId"]!.GetValue<string>();
        var seller = e["order"]!["sellerId"]!.GetValue<string>();
        var details = e["details"]?.GetValue<string>() ?? "";
        return (audience, e["type"]!.GetValue<string>()) switch
        {
            (_, "dispute.info_requested" or "dispute.info_request_due_soon" or "order.extension_request_due_soon") => new[] { buyer, seller }.Where((_, i) => details.Contains(i == 0 ? "buyer" : "seller", StringComparison.Ordinal)),
            (Audience.Buyer, _) => [buyer],
            (Audience.Seller, _) => [seller],
            (Audience.OtherParty, _) when actor.StartsWith("buyer:", StringComparison.Ordinal) => [seller],
            (Audience.OtherParty, _) when actor.StartsWith("seller:", StringComparison.Ordinal) => [buyer],
            _ => [buyer, seller],
        };
    }

    private async Task<(string State, string? Error)> SendAsync(Claimed mail, Func<MimeMessage, Task> send)
    {
        var template = MailTemplates.ByType[mail.EventType];
        if (string.IsNullOrWhiteSpace(mail.Email))
        {
            return ("skipped", "the account has no e-mail address");
        }

        if (template.Reminder && mail.RemindersOff == 1)
        {
            return ("skipped", "the account turned reminders off");
        }

        // A message that cannot be written (an address stored before addresses were checked) fails alone.
        MimeMessage message;
        try
        {
            var payload = JsonNode.Parse(mail.Payload)!;
            var texts = template.TellsAssignee && mail.AccountId == Assignee(payload) ? $"Mail.{mail.EventType}.Mediator" : $"Mail.{mail.EventType}";
            message = MailComposer.Compose(settings, template, new MailToSend(
                mail.Id, mail.DisplayName, mail.Email, Reader.Of(mail.Language, mail.TimeZone, mail.DeviceTimeZone), texts, payload, unsubscribe.UrlFor(mail.AccountId)));
        }
        catch (Exception e) when (e is ParseException or FormatException or ArgumentException)
        {
            return Failed(mail, "failed", $"the message cannot be written: {e.Message}");
        }

        try
        {
            await send(message);
            return ("sent", null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server or the connection may recover; a refusal of this message will not.
            var transient = e is SmtpProtocolException or IOException or MailKit.ServiceNotConnectedException
                || e is SmtpCommandException { StatusCode: < (MailKit.Net.Smtp.SmtpStatusCode)500 };
            return Failed(mail, transient ? "retry" : "failed", e.Message);
        }
    }

    private (string State, string? Error) Failed(Claimed mail, string state, string error)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            logger.LogWarning("Sending mail {Mail} failed ({State}): {Error}", mail.Id, state, error);
        }

        return (state, error);
    }

    private Task<IReadOnlyList<Claimed>> ClaimAsync(DateTimeOffset now, CancellationToken ct) => db.WriteAsync<IReadOnlyList<Claimed>>(async (connection, tx) =>
    {
        var ids = await DueWork.LeaseAsync(connection, tx, "mail_messages", "", now, Lease, SendBatch);
        return ids.Count == 0 ? [] : [.. await connection.QueryAsync<Claimed>(
            $"""
            SELECT m.id AS Id, m.account_id AS AccountId, m.attempts AS Attempts, m.created_at AS CreatedAt, e.type AS EventType, e.payload AS Payload,
                   a.display_name AS DisplayName, a.email AS Email, a.reminders_off AS RemindersOff,
                   COALESCE(a.language, a.browser_language) AS Language, a.time_zone AS TimeZone, a.device_time_zone AS DeviceTimeZone
            FROM mail_messages m JOIN events e ON e.id = m.event_id JOIN accounts a ON a.id = m.account_id
            WHERE {db.InList("m.id", "ids")}
            """,
            new { ids = ids.ToArray() },
            tx)];
    }, ct);

    private Task<int> RecordAsync(Claimed mail, DateTimeOffset now, string outcome, string? error, CancellationToken ct)
    {
        var attempts = (int)mail.Attempts + 1;
        var (next, giveUp) = Retry.After(attempts, now, DateTimeOffset.FromUnixTimeMilliseconds(mail.CreatedAt));
        var state = outcome == "retry" ? giveUp ? "failed" : "pending" : outcome;
        return db.WriteAsync((connection, tx) => connection.ExecuteAsync(
            """
            UPDATE mail_messages SET status = @state, attempts = @attempts, lease_until = NULL, next_attempt_at = @next, error = @error,
                   finished_at = CASE WHEN @state = 'pending' THEN NULL ELSE @at END
            WHERE id = @id
            """,
            new { id = mail.Id, state, attempts, next = next.ToUnixTimeMilliseconds(), error, at = now.ToUnixTimeMilliseconds() },
            tx), ct);
    }

    private sealed class Claimed
    {
        public string Id { get; init; } = "";
        public string AccountId { get; init; } = "";
        public long Attempts { get; init; }
        public long CreatedAt { get; init; }
        public string EventType { get; init; } = "";
        public string Payload { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? Email { get; init; }
        public long RemindersOff { get; init; }
        public string? Language { get; init; }
        public string? TimeZone { get; init; }
        public string? DeviceTimeZone { get; init; }
    }
}
