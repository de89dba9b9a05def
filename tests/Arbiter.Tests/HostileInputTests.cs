using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arbiter.Tests.Support;

namespace Arbiter.Tests;

/// <summary>
/// A seeded fuzz over every API route: bodies that are the route's own with one value swapped for
/// something hostile, bodies that are not JSON at all, and content types and headers that lie.
/// Whatever comes in, the answer is never a 5xx, and a refusal never names our types. The seed is
/// fixed, so a failure repeats.
/// </summary>
public abstract class HostileInputTests(AuthorizationTests.Fixture fixture)
{
    private const int MutantsPerRoute = 60;

    private static readonly Func<JsonNode?>[] HostileValues =
    [
        () => null, () => true, () => "", () => new string('x', 5000), () => -1, () => 0, () => 1.5, () => JsonNode.Parse("1e308"),
        () => JsonNode.Parse("9223372036854775808"), () => JsonNode.Parse("-9223372036854775809"), () => JsonNode.Parse("99999999999999999999999999999999"),
        () => new JsonArray(), () => JsonNode.Parse("[null]"), () => new JsonObject(), () => JsonNode.Parse("""{"a":null}"""),
        () => "\u0000\u202e\r\nBcc: x@evil.test", () => "😀漢字", () => "../../etc/passwd", () => "{o}-d99", () => JsonNode.Parse(new string('[', 60) + new string(']', 60)),
    ];

    private static readonly string[] NotJson =
        ["", "null", "[]", "\"text\"", "123", "{", "{\"id\":", "[null]", new string('[', 5000), "\u00ff\u00fe", "{\"a\":1,\"a\":2}", "<xml/>"];

    private static readonly string[] ContentTypes =
    [
        "application/json; charset=bogus", "application/json; charset=utf-16", "application/json; charset=\"utf-8\"", "application/json;;;",
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=", "application/json; charset=",
        "image/png",
    ];

    public static TheoryData<int> RouteNumbers() => [.. Enumerable.Range(0, AuthorizationTests.Routes.Length)];

    [Theory]
    [MemberData(nameof(RouteNumbers))]
    public async Task No_body_content_type_or_header_makes_a_route_fail_on_our_side(int route)
    {
        var (method, template, allowed, _, body) = AuthorizationTests.Routes[route];
        var doors = await fixture.DoorsAsync(template + body);
        var client = fixture.Clients[allowed.Split(' ')[0]];
        var path = doors.Fill(template);
        var random = new Random(route);
        var failures = new List<string>();

        async Task Try(string what, HttpContent? content, Action<HttpRequestMessage>? headers = null)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
            headers?.Invoke(request);
            var response = await client.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500 || (!response.IsSuccessStatusCode && (answer.Contains("Arbiter.", StringComparison.Ordinal) || answer.Contains("System.", StringComparison.Ordinal))))
            {
                failures.Add($"{what}: {(int)response.StatusCode} {answer}");
            }
        }

        var valid = body is null or "file" ? new JsonObject() : JsonNode.Parse(doors.Fill(JsonSerializer.Serialize(body, JsonSerializerOptions.Web)))!;
        for (var i = 0; i < MutantsPerRoute; i++)
        {
            var mutant = Mutate(valid, random);
            await Try($"body {mutant.ToJsonString()}", Json(mutant));
        }

        foreach (var text in NotJson)
        {
            await Try($"body {text[..Math.Min(text.Length, 40)]}", Json(text));
        }

        foreach (var type in ContentTypes)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(valid.ToJsonString()));
            content.Headers.TryAddWithoutValidation("Content-Type", type);
            await Try($"content type {type}", content);
        }

        var bytes = new byte[256];
        random.NextBytes(bytes);
        await Try("random bytes", new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
        await Try("a long idempotency key", Json(valid.ToJsonString()), r => r.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 10_000)));
        await Try("an empty idempotency key", Json(valid.ToJsonString()), r => r.Headers.TryAddWithoutValidation("Idempotency-Key", ""));
        await Try("garbage Accept-Language", Json(valid.ToJsonString()), r => r.Headers.TryAddWithoutValidation("Accept-Language", ";;q=zz,*-*"));
        await Try("a forged Host", Json(valid.ToJsonString()), r => r.Headers.Host = "evil.test:8443");

        Assert.True(failures.Count == 0, $"{method} {template}:\n{string.Join('\n', failures)}");
    }

    private static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>The route's own body with one value (or the whole body) swapped for a hostile one, or a property dropped or added.</summary>
    private static JsonNode Mutate(JsonNode valid, Random random)
    {
        var copy = valid.DeepClone();
        var places = Places(copy).ToList();
        var hostile = HostileValues[random.Next(HostileValues.Length)]();
        if (places.Count == 0 || random.Next(10) == 0)
        {
            return hostile ?? JsonValue.Create("null")!;
        }

        var (parent, key) = places[random.Next(places.Count)];
        switch (parent, random.Next(6))
        {
            case (JsonObject o, 0):
                o.Remove(key!);
                break;
            case (JsonObject o, 1):
                o["unexpected"] = hostile;
                break;
            case (JsonObject o, _):
                o[key!] = hostile;
                break;
            case (JsonArray a, _):
                a[int.Parse(key!, System.Globalization.CultureInfo.InvariantCulture)] = hostile;
                break;
        }

        return copy;
    }

    private static IEnumerable<(JsonNode Parent, string? Key)> Places(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    yield return (o, key);
                    if (value is not null)
                    {
                        foreach (var inner in Places(value))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (a[i] is { } item)
                    {
                        foreach (var inner in Places(item))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }
}

public sealed class HostileInputTestsOnSqlite(SqliteMarketplace fixture) : HostileInputTests(fixture), IClassFixture<SqliteMarketplace>;

public sealed class HostileInputTestsOnPostgres(PostgresMarketplace fixture) : HostileInputTests(fixture), IClassFixture<PostgresMarketplace>;
