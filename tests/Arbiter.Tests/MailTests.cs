using System.Net;
using System.Net.Http.Json;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>E-mail to the parties over a real SMTP server: one per event, text and HTML, reminders one can stop, nothing lost while the server is down.</summary>
public abstract class MailTests(Backend backend) : IAsyncLifetime
{
    private SmtpServer _smtp = null!;
    private ArbiterHost _host = null!;
    private Marketplace _market = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        _host = await ArbiterHost.StartAsync(await TestStorage.NewAsync(backend), smtp: _smtp.Address);
        _market = await OpenAsync(_host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Both_parties_hear_of_a_dispute_with_its_link_and_deadline_in_text_and_html()
    {
        await _market.DisputeAsync("o1");
        await _market.AdvanceAsync(minutes: 1);

        var opened = _smtp.Messages.Where(m => m.Subject == "Dispute o1-d1 was opened").ToList();
        Assert.Equal(["b1@example.test", "s1@example.test"], opened.Select(m => m.To.Mailboxes.Single().Address).Order());
        var toSeller = opened.Single(m => m.To.Mailboxes.Single().Address == "s1@example.test");
        Assert.Equal("disputes@shop.test", toSeller.From.Mailboxes.Single().Address);
        Assert.Contains("https://disputes.shop.test/disputes/o1-d1", toSeller.TextBody, StringComparison.Ordinal);
        Assert.Contains("respond by March 7, 2026, 9:00 AM UTC", toSeller.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://disputes.shop.test/disputes/o1-d1\"", toSeller.HtmlBody, StringComparison.Ordinal);
        Assert.Null(toSeller.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("evt_o1_3", toSeller.Headers["Arbiter-Event-Id"]);
        Assert.Contains(_smtp.Messages, m => m.Subject == "Order o1 has shipped" && m.To.Mailboxes.Single().Address == "b1@example.test");
        Assert.Equal(_smtp.Messages.Count, _smtp.Messages.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_browser_language_says_the_mail_language_until_one_is_chosen_and_never_another_browser_pages()
    {
        var ct = TestContext.Current.CancellationToken;
        var accounts = _host.Services.GetRequiredService<AccountStore>();
        using var russian = await WebBrowser.SignInAsync(_host, "b1", "ru-RU");
        Assert.Contains("<html lang=\"ru\"", await russian.PageAsync("/orders"), StringComparison.Ordinal);
        Assert.Null((await accounts.SettingsAsync("b1", ct))!.Language);

        // The same account on a Chinese browser reads Chinese, and its mail follows the browser last seen.
        using var chinese = await WebBrowser.SignInAsync(_host, "b1", "zh-CN");
        Assert.Contains("<html lang=\"zh-Hans\"", await chinese.PageAsync("/orders"), StringComparison.Ordinal);
        await _market.DisputeAsync("o1");
        await _market.AdvanceAsync(minutes: 1);
        Assert.Equal("纠纷o1-d1已发起", _smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "b1@example.test" && m.Subject?.Contains("o1-d1", StringComparison.Ordinal) == true).Subject);
        Assert.Contains(_smtp.Messages, m => m.Subject == "Dispute o1-d1 was opened" && m.To.Mailboxes.Single().Address == "s1@example.test");

        // A language chosen is the account's on every browser and in its mail.
        using var switched = await russian.PostFormAsync("/language", [new("language", "ru"), new("returnUrl", "/orders")]);
        Assert.Equal("ru", (await accounts.SettingsAsync("b1", ct))!.Language);
        using var english = await WebBrowser.SignInAsync(_host, "b1", "en-US");
        Assert.Contains("<html lang=\"ru\"", await english.PageAsync("/orders"), StringComparison.Ordinal);
        await _market.DisputeAsync("o2");
        await _market.AdvanceAsync(minutes: 1);
        Assert.Contains(_smtp.Messages, m => m.Subject == "Открыт спор o2-d1" && m.To.Mailboxes.Single().Address == "b1@example.test");
    }

    [Fact]
    public async Task The_mediator_a_dispute_is_assigned_to_hears_of_it_and_of_what_the_parties_do_there()
    {
        await _market.CreateAccountAsync("m2", "mediator");
        await _market.DisputeAsync("o1");
        await PostOk(_market.Seller, "/api/v1/disputes/o1-d1/escalate", new { note = "We cannot agree." });
        await _market.AdvanceAsync(minutes: 1);
        var assigned = Assert.Single(_smtp.Messages, m => m.Subject == "Dispute o1-d1 is yours");
        Assert.Equal("m1@example.test", assigned.To.Mailboxes.Single().Address);

        await Expect(await _market.Mediator.PostAsJsonAsync("/api/v1/disputes/o1-d1/info-requests", new { from = "buyer", question = "A photo, please?" }), HttpStatusCode.Created);
        await PostOk(_market.Buyer, "/api/v1/disputes/o1-d1/info-requests/ir1/answer", new { text = "Here it is." });
        await Expect(await _market.Seller.PostAsJsonAsync("/api/v1/disputes/o1-d1/messages", new { text = "It left intact." }), HttpStatusCode.Created);
        await Expect(await _market.Mediator.PostAsJsonAsync("/api/v1/disputes/o1-d1/messages", new { text = "Thank you both." }), HttpStatusCode.Created);
        await PostOk(_market.Mediator, "/api/v1/disputes/o1-d1/hand-over", new { to = "m2" });
        await PostOk(_market.Mediator, "/api/v1/disputes/o1-d1/take");
        await _market.AdvanceAsync(minutes: 1);

        string[] ToMediator(string address) => [.. _smtp.Messages.Where(m => m.To.Mailboxes.Single().Address == address).Select(m => m.Subject ?? "")];
        Assert.Equal(
            ["Dispute o1-d1 is yours", "A party answered your question in dispute o1-d1", "New message in dispute o1-d1"],
            ToMediator("m1@example.test"));
        Assert.Equal(["Dispute o1-d1 is yours"], ToMediator("m2@example.test"));
        var message = _smtp.Messages.Single(m => m.Subject == "New message in dispute o1-d1" && m.To.Mailboxes.Single().Address == "m1@example.test");
        Assert.Contains("A party wrote in dispute o1-d1, which you handle.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Never pay", _smtp.Messages.First(m => m.Subject == "New message in dispute o1-d1" && m.To.Mailboxes.Single().Address == "b1@example.test").TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reminder_before_protection_ends_can_be_stopped_but_what_must_be_known_still_comes()
    {
        await _market.ShippedOrderAsync("o1");
        await _market.AdvanceAsync(days: 55, minutes: 1);

        var reminder = _smtp.Messages.Single(m => m.Subject == "Buyer protection for order o1 ends soon");
        Assert.Contains("ends at May 1, 2026, 9:00 AM UTC", reminder.TextBody, StringComparison.Ordinal);
        var unsubscribe = reminder.Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>');
        Assert.Equal("List-Unsubscribe=One-Click", reminder.Headers["List-Unsubscribe-Post"]);
        var path = new Uri(unsubscribe).PathAndQuery;

        var page = await _host.Platform.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Stop reminders", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _host.Platform.PostAsync(path, null)).StatusCode);
        Assert.Equal("false", Text(await GetAsync(_market.Buyer, "/api/v1/accounts/b1/mail-preferences"), "reminders"));
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.Platform.PostAsync("/mail/unsubscribe?token=forged", null)).StatusCode);

        await _market.ShippedOrderAsync("o2");
        await _market.DisputeAsync("o3");
        await _market.AdvanceAsync(days: 56);

        Assert.DoesNotContain(_smtp.Messages, m => m.Subject == "Buyer protection for order o2 ends soon");
        Assert.Contains(_smtp.Messages, m => m.Subject == "Dispute o3-d1 was opened" && m.To.Mailboxes.Single().Address == "b1@example.test");
    }

    [Fact]
    public async Task The_seller_is_reminded_a_day_before_the_answer_to_a_dispute_is_due()
    {
        await _market.DisputeAsync("o1");
        await _market.AdvanceAsync(days: 4, minutes: 1);

        var reminder = _smtp.Messages.Single(m => m.Subject == "Respond to dispute o1-d1 by March 7, 2026, 9:00 AM UTC");
        Assert.Equal("s1@example.test", reminder.To.Mailboxes.Single().Address);
        Assert.NotNull(reminder.Headers[HeaderId.ListUnsubscribe]);
    }

    [Fact]
    public async Task Mail_waits_while_the_smtp_server_is_down_and_goes_out_once_when_it_is_back()
    {
        var port = int.Parse(_smtp.Address.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        await _smtp.DisposeAsync();
        await _market.CreateOrderAsync("o1");
        await _market.AdvanceAsync(minutes: 5);

        _smtp = await SmtpServer.StartAsync(port);
        await _market.AdvanceAsync(minutes: 10);

        Assert.Single(_smtp.Messages, m => m.Subject == "Your payment for order o1 is held safely");
    }

    [Fact]
    public async Task An_account_turns_its_reminders_off_and_on_and_nobody_else_can()
    {
        var off = await Expect(await _market.Buyer.PutAsJsonAsync("/api/v1/accounts/b1/mail-preferences", new { reminders = false }), HttpStatusCode.OK);
        Assert.Equal("false", Text(off, "reminders"));
        var on = await Expect(await _market.Platform.PutAsJsonAsync("/api/v1/accounts/b1/mail-preferences", new { reminders = true }), HttpStatusCode.OK);
        Assert.Equal("true", Text(on, "reminders"));
        await ExpectProblem(await _market.Seller.PutAsJsonAsync("/api/v1/accounts/b1/mail-preferences", new { reminders = false }), HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("x\"><script>@e.test")]
    [InlineData("John <john@example.com>")]
    [InlineData("a..b@x.test")]
    [InlineData("a@b.test\r\nBcc: victim@c.test")]
    [InlineData("two@a.test, three@b.test")]
    [InlineData("a@localhost")]
    [InlineData("a@[127.0.0.1]")]
    [InlineData("a@-b.test")]
    [InlineData("@b.test")]
    public async Task An_account_takes_one_e_mail_address_and_nothing_around_it(string email)
    {
        var response = await _market.Platform.PostAsJsonAsync("/api/v1/accounts", new { id = "b9", role = "buyer", displayName = "Nine", email });

        await ExpectProblem(response, HttpStatusCode.UnprocessableEntity, "invalid_email");
    }

    [Theory]
    [InlineData("ana.b+orders@example.test")]
    [InlineData("josé@exämple.de")]
    [InlineData("\"quoted local\"@example.test")]
    [InlineData("")]
    public async Task Real_addresses_and_none_at_all_are_taken(string email) =>
        await Expect(await _market.Platform.PostAsJsonAsync("/api/v1/accounts", new { id = "b9", role = "buyer", displayName = "Nine", email }), HttpStatusCode.Created);

    [Fact]
    public async Task A_message_that_cannot_be_written_fails_alone_and_holds_up_no_other()
    {
        await using (var connection = await _host.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken))
        {
            // As an address stored before addresses were checked.
            await connection.ExecuteAsync("UPDATE accounts SET email = 'x\"><script>@e.test' WHERE id = 'b1'");
        }

        await _market.DisputeAsync("o1");
        await _market.AdvanceAsync(minutes: 1);
        await _market.AdvanceAsync(hours: 3);

        Assert.Contains(_smtp.Messages, m => m.Subject == "Dispute o1-d1 was opened" && m.To.Mailboxes.Single().Address == "s1@example.test");
        Assert.DoesNotContain(_smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address.Contains("script", StringComparison.Ordinal)));
        await using var check = await _host.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
        var poisoned = (await check.QueryAsync<(string Status, long Attempts, string Error)>("SELECT status, attempts, error FROM mail_messages WHERE account_id = 'b1'")).ToList();
        Assert.NotEmpty(poisoned);
        Assert.All(poisoned, m => Assert.Equal(("failed", 1L), (m.Status, m.Attempts)));
        Assert.All(poisoned, m => Assert.StartsWith("the message cannot be written", m.Error, StringComparison.Ordinal));
    }
}

public sealed class MailTestsOnSqlite() : MailTests(Backend.Sqlite);

public sealed class MailTestsOnPostgres() : MailTests(Backend.Postgres);

/// <summary>Without an SMTP server (the demo), e-mail is written to a folder, one .eml file per message.</summary>
public sealed class MailFolderTests
{
    [Fact]
    public async Task Each_message_becomes_an_eml_file_a_mail_program_can_open()
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("arbiter-mail-folder-").FullName, "mail");
        await using var host = await ArbiterHost.StartAsync(await TestStorage.NewAsync(Backend.Sqlite), mailFolder: folder);
        var market = await OpenAsync(host);

        await market.DisputeAsync("o1");
        await market.AdvanceAsync(minutes: 1);

        var messages = Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        Assert.Contains(messages, m => m.Subject == "Dispute o1-d1 was opened" && m.To.Mailboxes.Single().Address == "s1@example.test");
        Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
    }
}
