using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Arbiter.Tests.Support;

/// <summary>
/// A browser on the web pages, over HTTP without rendering: signed in by a one-time link, keeping
/// its cookies, sending forms with their anti-forgery token as the page's own forms do.
/// </summary>
public sealed partial class WebBrowser : IDisposable
{
    private readonly HttpClient _client;
    private readonly CookieJar _jar;
    private string? _formToken;

    private WebBrowser(HttpClient client, CookieJar jar)
    {
        (_client, _jar) = (client, jar);

        // As browsers ask, so that errors come back as pages.
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
    }

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)"|type="hidden" name="__RequestVerificationToken" value="([^"]+)""")]
    private static partial Regex FormToken();

    /// <summary>A browser signed in as the account, by a link the platform minted; it asks for <paramref name="language"/> when given.</summary>
    public static async Task<WebBrowser> SignInAsync(ArbiterHost host, string accountId, string? language = null)
    {
        var link = await Marketplace.Expect(await host.Platform.PostAsJsonAsync($"/api/v1/accounts/{Uri.EscapeDataString(accountId)}/sign-in-links", new { }), HttpStatusCode.Created);
        var browser = new WebBrowser(host.Browser(out var jar), jar);
        if (language is not null)
        {
            browser._client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        using var signedIn = await browser._client.GetAsync(new Uri(Marketplace.Text(link, "url")).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    /// <summary>A page's HTML, which must come with 200.</summary>
    public async Task<string> PageAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {html[..Math.Min(300, html.Length)]}");
        return html;
    }

    /// <summary>The session cookie as a Cookie header, as someone who copied it would send it.</summary>
    public string SessionCookie() =>
        _jar.Header(_client.BaseAddress!).Split("; ").Single(c => c.StartsWith("arbiter_session=", StringComparison.Ordinal));

    /// <summary>Posts a form to a page handler, as the page's own form would (with its anti-forgery token).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, HttpContent? file = null) =>
        PostFormAsync(path, fields, file is null ? [] : [("file", "photo.png", file)]);

    /// <summary>Posts a form with files, each in its field, as the page's own form would.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(
        string path, IEnumerable<KeyValuePair<string, string>> fields, IReadOnlyList<(string Field, string FileName, HttpContent Content)> files)
    {
        var token = await FormTokenAsync();
        if (files.Count == 0)
        {
            return await _client.PostAsync(path, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
        }

        var multipart = new MultipartFormDataContent();
        foreach (var (field, fileName, content) in files)
        {
            multipart.Add(content, field, fileName);
        }

        foreach (var (name, value) in fields.Append(new("__RequestVerificationToken", token)))
        {
            multipart.Add(new StringContent(value), name);
        }

        return await _client.PostAsync(path, multipart);
    }

    /// <summary>The form token of this session, read once from a page with a form.</summary>
    private async Task<string> FormTokenAsync()
    {
        if (_formToken is null)
        {
            var html = await (await _client.GetAsync("/settings")).Content.ReadAsStringAsync();
            var match = FormToken().Match(html);
            Assert.True(match.Success, "the settings page has no form token");
            _formToken = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
        }

        return _formToken;
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>Keeps cookies between requests, as a browser does.</summary>
public sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly CookieContainer _cookies = new();

    public string Header(Uri uri) => _cookies.GetCookieHeader(uri);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (_cookies.GetCookieHeader(uri) is { Length: > 0 } header)
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                _cookies.SetCookies(uri, cookie);
            }
        }

        return response;
    }
}
