using System.Net;
using System.Reflection;
using Arbiter.Tests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arbiter.Tests;

/// <summary>
/// Every page and every form handler, tried by every signed-in role with a hand-made request, as a
/// curious seller who reads HTML would: the same answers as the API (the domain's guard decides),
/// never a 500, and a handler that does not exist is a 400 or 404. A handler without its row fails.
/// </summary>
public abstract class PageAuthorizationTests(AuthorizationTests.Fixture fixture)
{
    private const string Parties = "buyer seller";
    private const string All = "buyer seller mediator other_buyer other_seller";
    private const string Strangers = "other_buyer other_seller";

    /// <summary>What a row expects of a caller it does not name: refused (403); or of everyone: not found, gone, or (for a handler that does not exist) 400 or 404.</summary>
    private enum Otherwise
    {
        Refused,
        NotFoundForAll,
        GoneForAll,
        Unknown,
    }

    /// <summary>
    /// The page model and handler, the request (paths as in <see cref="AuthorizationTests"/>), who may,
    /// who must not see it (404), and the form's fields.
    /// </summary>
    private static readonly (string Model, string Verb, string Handler, string Path, string Allowed, string Hidden, Otherwise Otherwise, string Fields)[] Handlers =
    [
        ("IndexModel", "GET", "", "/", All, "", Otherwise.Refused, ""),
        ("OrdersModel", "GET", "", "/orders", All, "", Otherwise.Refused, ""),
        ("OrderModel", "GET", "", "/orders/{o}", Parties, "mediator other_buyer other_seller", Otherwise.Refused, ""),
        ("OrderModel", "POST", "ConfirmReceipt", "/orders/{o}", "buyer", Strangers, Otherwise.Refused, ""),
        ("OrderModel", "POST", "Cancel", "/orders/{o}", "buyer", Strangers, Otherwise.Refused, ""),
        ("OrderModel", "POST", "Ship", "/orders/{o}", "seller", Strangers, Otherwise.Refused, "carrier=DHL&trackingNumber=1"),
        ("OrderModel", "POST", "ExtendProtection", "/orders/{o}", "seller", Strangers, Otherwise.Refused, "days=5"),
        ("OrderModel", "POST", "ExtendProcessing", "/orders/{o}", "seller", Strangers, Otherwise.Refused, "days=3"),
        ("OrderModel", "POST", "RequestProtectionExtension", "/orders/{o}", "buyer", Strangers, Otherwise.Refused, "days=5&reason=Slow+post"),
        ("OrderModel", "POST", "AnswerExtension", "/orders/{o}", Parties, Strangers, Otherwise.Refused, "requestId=er1&accept=true"),
        ("OpenDisputeModel", "GET", "", "/orders/{o}/dispute?line=l1", "buyer", Strangers, Otherwise.Refused, ""),
        ("OpenDisputeModel", "POST", "", "/orders/{o}/dispute?line=l1", "buyer", Strangers, Otherwise.Refused, "Received=true&Reason=damaged&Solution=RefundOnly&Amount=1&Description=Broken"),
        ("DisputeModel", "GET", "", "/disputes/{d}", "buyer seller mediator", Strangers, Otherwise.Refused, ""),
        ("DisputeModel", "POST", "AcceptClaim", "/disputes/{d}", "seller", Strangers, Otherwise.Refused, ""),
        ("DisputeModel", "POST", "Reject", "/disputes/{d}", "seller", Strangers, Otherwise.Refused, "note=No"),
        ("DisputeModel", "POST", "Offer", "/disputes/{d}", "seller", Strangers, Otherwise.Refused, "type=RefundOnly&amount=1.00&note=Some"),
        ("DisputeModel", "POST", "AcceptOffer", "/disputes/{d}", "buyer", Strangers, Otherwise.Refused, "offerId=of1&confirm=true"),
        ("DisputeModel", "POST", "DeclineOffer", "/disputes/{d}", "buyer", Strangers, Otherwise.Refused, "offerId=of1"),
        ("DisputeModel", "POST", "ChangeClaim", "/disputes/{d}", "buyer", Strangers, Otherwise.Refused, "solution=RefundOnly&amount=1&description=Broken"),
        ("DisputeModel", "POST", "Cancel", "/disputes/{d}", "buyer", Strangers, Otherwise.Refused, "confirm=true"),
        ("DisputeModel", "POST", "Escalate", "/disputes/{d}", Parties, Strangers, Otherwise.Refused, "note=Help"),
        ("DisputeModel", "POST", "Message", "/disputes/{d}", "buyer seller mediator", Strangers, Otherwise.Refused, "text=Hello"),
        ("DisputeModel", "POST", "Answer", "/disputes/{d}", Parties, Strangers, Otherwise.Refused, "requestId=ir1&text=Here"),
        ("DisputeModel", "POST", "Ask", "/disputes/{d}", "mediator", Strangers, Otherwise.Refused, "from=buyer&question=Photo&businessDays=3"),
        ("DisputeModel", "POST", "Take", "/disputes/{d}", "mediator", Strangers, Otherwise.Refused, ""),
        ("DisputeModel", "POST", "HandOver", "/disputes/{d}", "mediator", Strangers, Otherwise.Refused, "to=m2"),
        ("DisputeModel", "POST", "Decide", "/disputes/{d}", "mediator", Strangers, Otherwise.Refused, "outcome=NoRefund&note=Fine"),
        ("DisputeModel", "POST", "Appeal", "/disputes/{d}", Parties, Strangers, Otherwise.Refused, "reason=Unfair"),
        ("DisputeModel", "POST", "ShipReturn", "/disputes/{d}", "buyer", Strangers, Otherwise.Refused, "carrier=DHL&trackingNumber=1"),
        ("DisputeModel", "POST", "ReturnReceived", "/disputes/{d}", "seller", Strangers, Otherwise.Refused, ""),
        ("DisputeModel", "POST", "RefuseReturn", "/disputes/{d}", "seller", Strangers, Otherwise.Refused, "note=Broken"),
        ("DisputeModel", "POST", "AskForTime", "/disputes/{d}", "buyer", Strangers, Otherwise.Refused, "days=5"),
        ("DisputeModel", "POST", "Resume", "/disputes/{d}", "buyer", Strangers, Otherwise.Refused, ""),
        ("DisputeModel", "POST", "ShipReplacement", "/disputes/{d}", "seller", Strangers, Otherwise.Refused, "carrier=DHL&trackingNumber=1"),
        ("DisputeModel", "POST", "ReplacementReceived", "/disputes/{d}", "buyer", Strangers, Otherwise.Refused, ""),
        ("DisputeModel", "POST", "ReplacementProblem", "/disputes/{d}", "buyer", Strangers, Otherwise.Refused, "note=Broken"),
        ("DisputeModel", "POST", "Evidence", "/disputes/{d}", Parties, Strangers, Otherwise.Refused, "file"),
        ("EvidenceModel", "GET", "", "/evidence/{e}", "buyer seller mediator", Strangers, Otherwise.Refused, ""),
        ("QueueModel", "GET", "", "/queue", "mediator", "", Otherwise.Refused, ""),
        ("QueueModel", "GET", "", "/queue?assigned=me&stage=UnderReview", "mediator", "", Otherwise.Refused, ""),
        ("QueueModel", "POST", "RetryRefund", "/queue", "mediator", Strangers, Otherwise.Refused, "refundId={r}"),
        ("SettingsModel", "GET", "", "/settings", All, "", Otherwise.Refused, ""),
        ("SettingsModel", "POST", "", "/settings", All, "", Otherwise.Refused, "reminders=false"),
        ("SettingsModel", "POST", "", "/settings", All, "", Otherwise.Refused, "reminders=true&language=ru&timeZone=Europe/Moscow"),
        ("LanguageModel", "GET", "", "/language", "", "", Otherwise.NotFoundForAll, ""),
        ("LanguageModel", "POST", "", "/language", All, "", Otherwise.Refused, "language=zh-Hans&returnUrl=/orders"),
        ("SignOutModel", "POST", "", "/signout", All, "", Otherwise.Refused, ""),
        ("SignInModel", "POST", "", "/signin", "", "", Otherwise.NotFoundForAll, "accountId=b1"),
        ("SignInLinkModel", "GET", "", "/signin/link?token=forged", "", "", Otherwise.GoneForAll, ""),
        ("OrderModel", "POST", "Bogus", "/orders/{o}", "", "", Otherwise.Unknown, ""),
        ("OrderModel", "POST", "", "/orders/{o}", "", "", Otherwise.Unknown, ""),
        ("DisputeModel", "POST", "Bogus", "/disputes/{d}", "", "", Otherwise.Unknown, ""),
        ("DisputeModel", "POST", "", "/disputes/{d}", "", "", Otherwise.Unknown, ""),
        ("QueueModel", "POST", "Bogus", "/queue", "", "", Otherwise.Unknown, ""),
        ("SettingsModel", "POST", "Bogus", "/settings", "", "", Otherwise.Unknown, ""),
    ];

    private static readonly Dictionary<string, string> Accounts = new()
    {
        ["buyer"] = "b1", ["seller"] = "s1", ["mediator"] = "m1", ["other_buyer"] = "b2", ["other_seller"] = "s2",
    };

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        for (var row = 0; row < Handlers.Length; row++)
        {
            foreach (var caller in Accounts.Keys)
            {
                data.Add(row, caller);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_page_handler_answers_each_role_as_its_rights_say(int row, string caller)
    {
        var (_, verb, handler, template, allowed, hidden, otherwise, fields) = Handlers[row];
        var doors = await fixture.DoorsAsync(template + fields);
        var before = doors.Ids.TryGetValue("{o}", out var orderId) ? await HistoryLengthAsync(orderId) : 0;
        using var browser = await WebBrowser.SignInAsync(fixture.Host, Accounts[caller]);
        var path = doors.Fill(template);
        if (verb == "POST" && (handler.Length > 0 || otherwise == Otherwise.Unknown))
        {
            path += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"handler={handler}";
        }

        using var response = verb == "GET"
            ? await browser.GetAsync(path)
            : await browser.PostFormAsync(path, Form(doors.Fill(fields)), fields == "file" ? PngFile() : null);

        var status = response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var said = $"{caller} {verb} {path}: {(int)status} {text[..Math.Min(300, text.Length)]}";
        Assert.True((int)status < 500, said);
        if (otherwise == Otherwise.Unknown)
        {
            Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, said);
        }
        else if (otherwise == Otherwise.GoneForAll)
        {
            Assert.True(status == HttpStatusCode.Gone, said);
        }
        else if (hidden.Split(' ').Contains(caller) || otherwise == Otherwise.NotFoundForAll)
        {
            Assert.True(status == HttpStatusCode.NotFound, said);
        }
        else if (allowed.Split(' ').Contains(caller))
        {
            Assert.True(status is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest), said);
        }
        else
        {
            Assert.True(status == HttpStatusCode.Forbidden, said);
        }

        if (orderId is not null && !allowed.Split(' ').Contains(caller))
        {
            Assert.Equal(before, await HistoryLengthAsync(orderId));
        }
    }

    public static TheoryData<int> FormRows() =>
        [.. Enumerable.Range(0, Handlers.Length).Where(r => Handlers[r] is { Verb: "POST", Allowed.Length: > 0, Fields: not ("" or "file") })];

    /// <summary>Each field of each form, in turn, set to what a hand-made post could send: never a 500.</summary>
    [Theory]
    [MemberData(nameof(FormRows))]
    public async Task No_hostile_form_value_makes_a_handler_fail_on_our_side(int row)
    {
        string[] hostile = ["79228162514264337593543950335", "92233720368547758.08", "-99999999999", "1e400", "NaN", "", new string('x', 10_000), "\u0000\u202e\r\nBcc: x@evil.test", "漢字😀"];
        var (_, _, handler, template, allowed, _, _, fields) = Handlers[row];
        var doors = await fixture.DoorsAsync(template + fields);
        using var browser = await WebBrowser.SignInAsync(fixture.Host, Accounts[allowed.Split(' ')[0]]);
        var path = doors.Fill(template) + (handler.Length > 0 ? $"{(template.Contains('?', StringComparison.Ordinal) ? "&" : "?")}handler={handler}" : "");
        var form = Form(doors.Fill(fields)).ToList();
        var failures = new List<string>();
        for (var field = 0; field < form.Count; field++)
        {
            foreach (var value in hostile)
            {
                var changed = form.Select((f, i) => i == field ? new KeyValuePair<string, string>(f.Key, value) : f);
                using var response = await browser.PostFormAsync(path, changed);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{form[field].Key}={value[..Math.Min(40, value.Length)]}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{path}:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public void Every_handler_of_every_page_has_its_row()
    {
        var pages = typeof(Arbiter.Hosting.ArbiterApp).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract);
        var handlers = pages
            .SelectMany(p => p.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => (p.Name, m.Name)))
            .Where(h => h.Item2.StartsWith("OnGet", StringComparison.Ordinal) || h.Item2.StartsWith("OnPost", StringComparison.Ordinal))
            .Select(h => (h.Item1, Verb: h.Item2.StartsWith("OnGet", StringComparison.Ordinal) ? "GET" : "POST", Handler: h.Item2.Replace("OnGet", "").Replace("OnPost", "").Replace("Async", "")))
            .Select(h => $"{h.Item1} {h.Verb} {h.Handler}")
            .ToHashSet();
        var walked = Handlers.Where(h => h.Otherwise != Otherwise.Unknown).Select(h => $"{h.Model} {h.Verb} {h.Handler}").ToHashSet();

        Assert.Empty(handlers.Except(walked));
        Assert.Empty(walked.Except(handlers));
    }

    /// <summary>How many entries the order and its disputes have recorded: a refused request adds none.</summary>
    private async Task<int> HistoryLengthAsync(string orderId)
    {
        var order = await Marketplace.GetAsync(fixture.Market.Platform, $"/api/v1/orders/{orderId}");
        var disputes = order["disputes"]!.AsArray().Select(d => Marketplace.Text(d!, "id"));
        var total = order["history"]!.AsArray().Count;
        foreach (var dispute in disputes)
        {
            total += (await Marketplace.GetAsync(fixture.Market.Platform, $"/api/v1/disputes/{dispute}"))["history"]!.AsArray().Count;
        }

        return total;
    }

    private static ByteArrayContent PngFile()
    {
        var file = new ByteArrayContent(Evidence.PngBytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        return file;
    }

    private static IEnumerable<KeyValuePair<string, string>> Form(string fields) =>
        fields is "" or "file" ? [] : fields.Split('&').Select(f => f.Split('=', 2)).Select(kv => new KeyValuePair<string, string>(kv[0], kv[1]));
}

public sealed class SqlitePages() : AuthorizationTests.Fixture(Backend.Sqlite);

public sealed class PostgresPages() : AuthorizationTests.Fixture(Backend.Postgres);

public sealed class PageAuthorizationTestsOnSqlite(SqlitePages fixture) : PageAuthorizationTests(fixture), IClassFixture<SqlitePages>;

public sealed class PageAuthorizationTestsOnPostgres(PostgresPages fixture) : PageAuthorizationTests(fixture), IClassFixture<PostgresPages>;
