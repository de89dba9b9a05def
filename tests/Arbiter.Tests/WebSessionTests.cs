using System.Net;
using System.Net.Http.Json;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>How people get into the web interface and what protects their session: one-time links, cookies, anti-forgery.</summary>
public abstract class WebSessionTests(Backend backend) : MarketplaceTest(backend)
{
    [Fact]
    public async Task A_sign_in_link_signs_its_account_in_once_and_lands_on_the_page_asked_for()
    {
        var link = await Expect(await Market.Platform.PostAsJsonAsync("/api/v1/accounts/b1/sign-in-links", new { returnTo = "/orders" }), HttpStatusCode.Created);
        var url = new Uri(Text(link, "url"));
        using var browser = Host.Client("");

        using var first = await browser.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/orders", first.Headers.Location?.OriginalString);
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("arbiter_session=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));

        using var again = await browser.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.DoesNotContain(again.Headers.Where(h => h.Key == "Set-Cookie").SelectMany(h => h.Value), c => c.StartsWith("arbiter_session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_everywhere_also_in_a_copy_of_its_cookie()
    {
        using var browser = await WebBrowser.SignInAsync(Host, "b1");
        var copied = browser.SessionCookie();
        using var other = Host.Client("");
        Assert.Equal(HttpStatusCode.OK, (await other.SendAsync(WithCookie(HttpMethod.Get, "/orders", copied))).StatusCode);

        using var signedOut = await browser.PostFormAsync("/signout", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        using var replayed = await other.SendAsync(WithCookie(HttpMethod.Get, "/orders", copied));
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/signin", replayed.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_replaced_token_ends_the_old_token_every_session_and_every_unused_link_of_the_account()
    {
        using var browser = await WebBrowser.SignInAsync(Host, "b1");
        var copied = browser.SessionCookie();
        var unused = await Expect(await Market.Platform.PostAsJsonAsync("/api/v1/accounts/b1/sign-in-links", new { }), HttpStatusCode.Created);
        using var sellers = await WebBrowser.SignInAsync(Host, "s1");
        await ExpectProblem(await Market.Buyer.PostAsync("/api/v1/accounts/b1/token-rotations", null), HttpStatusCode.Forbidden, "action_not_allowed_for_role");

        var replaced = await Expect(await Market.Platform.PostAsync("/api/v1/accounts/b1/token-rotations", null), HttpStatusCode.Created);

        Assert.Equal(("b1", "buyer"), (Text(replaced, "id"), Text(replaced, "role")));
        await ExpectProblem(await Market.Buyer.GetAsync("/api/v1/disputes"), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await Host.Client(Text(replaced, "token")).GetAsync("/api/v1/disputes")).StatusCode);
        using var other = Host.Client("");
        using var replayed = await other.SendAsync(WithCookie(HttpMethod.Get, "/orders", copied));
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await other.GetAsync(new Uri(Text(unused, "url")).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sellers.GetAsync("/orders")).StatusCode);
        await ExpectProblem(await Market.Platform.PostAsync("/api/v1/accounts/nobody/token-rotations", null), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_sign_in_link_expires_after_ten_minutes()
    {
        var link = await Expect(await Market.Platform.PostAsJsonAsync("/api/v1/accounts/b1/sign-in-links", new { }), HttpStatusCode.Created);
        await Market.AdvanceAsync(hours: 1);
        using var browser = Host.Client("");
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync(new Uri(Text(link, "url")).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Only_the_platform_mints_links_and_only_to_pages_of_this_service()
    {
        await ExpectProblem(await Market.Buyer.PostAsJsonAsync("/api/v1/accounts/b1/sign-in-links", new { }), HttpStatusCode.Forbidden, "action_not_allowed_for_role");
        await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/accounts/nobody/sign-in-links", new { }), HttpStatusCode.NotFound, "not_found");
        foreach (var returnTo in new[] { "https://evil.example/", "//evil.example/x", "/\\evil.example/x", "orders", "/disputes/é", "/orders\r\nSet-Cookie: x=1" })
        {
            await ExpectProblem(await Market.Platform.PostAsJsonAsync("/api/v1/accounts/b1/sign-in-links", new { returnTo }), HttpStatusCode.UnprocessableEntity, "invalid_return_to");
        }
    }

    [Fact]
    public async Task Links_and_redirects_come_from_the_configured_address_never_from_the_Host_header()
    {
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/v1/accounts/b1/sign-in-links") { Content = JsonContent.Create(new { }) };
        forged.Headers.Host = "evil.example";
        var link = await Expect(await Market.Platform.SendAsync(forged), HttpStatusCode.Created);
        Assert.StartsWith("https://disputes.shop.test/signin/link?token=", Text(link, "url"), StringComparison.Ordinal);

        using var browser = Host.Client("");
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/orders");
        anonymous.Headers.Host = "evil.example";
        using var redirected = await browser.SendAsync(anonymous);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.False(redirected.Headers.Location!.IsAbsoluteUri, redirected.Headers.Location.OriginalString);
    }

    [Fact]
    public async Task A_link_whose_return_path_was_tampered_with_still_signs_in_and_lands_on_the_start_page()
    {
        var link = await Expect(await Market.Platform.PostAsJsonAsync("/api/v1/accounts/b1/sign-in-links", new { }), HttpStatusCode.Created);
        using var browser = Host.Client("");

        using var signedIn = await browser.GetAsync(new Uri(Text(link, "url")).PathAndQuery + "&returnUrl=%2Fdisputes%2F%C3%A9");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Pages_need_a_session_and_forms_need_their_anti_forgery_token()
    {
        await Market.ShippedOrderAsync("o1");
        using var browser = Host.Client("");
        using var anonymous = await browser.GetAsync("/orders/o1");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/signin?ReturnUrl=", anonymous.Headers.Location?.OriginalString);

        var link = await Expect(await Market.Platform.PostAsJsonAsync("/api/v1/accounts/b1/sign-in-links", new { }), HttpStatusCode.Created);
        using var signIn = await browser.GetAsync(new Uri(Text(link, "url")).PathAndQuery);
        var session = signIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("arbiter_session=", StringComparison.Ordinal)).Split(';')[0];
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/orders/o1?handler=ConfirmReceipt") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Cookie", session);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.SendAsync(forged)).StatusCode);
        Assert.Equal("awaiting_confirmation", Text(await GetAsync(Market.Buyer, "/api/v1/orders/o1"), "status"));
    }

    private static HttpRequestMessage WithCookie(HttpMethod method, string path, string cookie)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        return request;
    }
}


public sealed class WebSessionTestsOnSqlite() : WebSessionTests(Backend.Sqlite);

public sealed class WebSessionTestsOnPostgres() : WebSessionTests(Backend.Postgres);
