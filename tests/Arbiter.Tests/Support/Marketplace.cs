using Arbiter.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Arbiter.Tests.Support;

/// <summary>A marketplace talking to Arbiter: accounts, orders, and helpers that read responses.</summary>
public sealed class Marketplace(ArbiterHost host)
{
    public HttpClient Platform { get; } = host.Platform;

    public HttpClient Buyer { get; private set; } = null!;

    public HttpClient Seller { get; private set; } = null!;

    public HttpClient Mediator { get; private set; } = null!;

    private (string Buyer, string Seller, string Mediator) _tokens;

    public static async Task<Marketplace> OpenAsync(ArbiterHost host) =>
        Connect(host, (await CreateAccountAsync(host.Platform, "b1", "buyer"), await CreateAccountAsync(host.Platform, "s1", "seller"), await CreateAccountAsync(host.Platform, "m1", "mediator")));

    /// <summary>The same marketplace, talking to a restarted service.</summary>
    public Marketplace Reconnect(ArbiterHost host) => Connect(host, _tokens);

    private static Marketplace Connect(ArbiterHost host, (string Buyer, string Seller, string Mediator) tokens) => new(host)
    {
        _tokens = tokens,
        Buyer = host.Client(tokens.Buyer),
        Seller = host.Client(tokens.Seller),
        Mediator = host.Client(tokens.Mediator),
    };

    public Task<string> CreateAccountAsync(string id, string role) => CreateAccountAsync(Platform, id, role);

    public static async Task<string> CreateAccountAsync(HttpClient platform, string id, string role)
    {
        // A colon (usr:42) may be in an id but not in the unquoted local part of an address.
        var response = await platform.PostAsJsonAsync("/api/v1/accounts", new { id, role, displayName = id, email = $"{id.Replace(':', '_')}@example.test" });
        var body = await Expect(response, HttpStatusCode.Created);
        return body["token"]!.GetValue<string>();
    }

    public async Task<JsonNode> CreateOrderAsync(string id, long unitPrice = 1999, long shipping = 300, string shippingMethod = "standard", string? paymentReference = null)
    {
        var response = await Platform.PostAsJsonAsync(
            "/api/v1/orders", SampleOrders.OneLine(id, unitPrice: unitPrice, shipping: shipping, shippingMethod: shippingMethod, paymentReference: paymentReference));
        return await Expect(response, HttpStatusCode.Created);
    }

    public async Task<JsonNode> ShippedOrderAsync(string id, string? paymentReference = null)
    {
        await CreateOrderAsync(id, paymentReference: paymentReference);
        return await PostOk(Seller, $"/api/v1/orders/{id}/shipment", new { carrier = "China Post", trackingNumber = "RB123456789CN" });
    }

    /// <summary>A shipped order with a dispute opened by the buyer; returns the dispute.</summary>
    public async Task<JsonNode> DisputeAsync(
        string orderId, bool received = true, string reason = "not_as_described", string solution = "refund_only", long? amount = null, string? paymentReference = null)
    {
        await ShippedOrderAsync(orderId, paymentReference);
        var response = await Buyer.PostAsJsonAsync($"/api/v1/orders/{orderId}/disputes", new
        {
            lineId = "l1",
            received,
            reason,
            solution = new { type = solution, amount },
            description = "The speedometer does not light up.",
            evidenceIds = Array.Empty<string>(),
        });
        return await Expect(response, HttpStatusCode.Created);
    }

    public async Task<JsonNode> AdvanceAsync(int days = 0, int hours = 0, int minutes = 0) =>
        await PostOk(Platform, "/api/v1/clock/advance", new { days, hours, minutes });

    /// <summary>Registers a webhook endpoint for the given event types (all by default); returns it, with its secret.</summary>
    public async Task<JsonNode> SubscribeAsync(string url, params string[] eventTypes)
    {
        var response = await Platform.PostAsJsonAsync("/api/v1/webhook-endpoints", new { url, eventTypes = eventTypes.Length == 0 ? ["*"] : eventTypes });
        return await Expect(response, HttpStatusCode.Created);
    }

    /// <summary>An order whose dispute ended with a refund of 1000 the buyer accepted; returns the refund's id.</summary>
    public async Task<string> RefundedOrderAsync(string orderId, string? paymentReference = null)
    {
        var dispute = await DisputeAsync(orderId, paymentReference: paymentReference);
        var id = Text(dispute, "id");
        await Expect(await Seller.PostAsJsonAsync($"/api/v1/disputes/{id}/offers", new { type = "refund_only", amount = 1000 }), HttpStatusCode.Created);
        await PostOk(Buyer, $"/api/v1/disputes/{id}/offers/of1/accept", new { });
        return $"{orderId}-r1";
    }

    public static async Task<JsonNode> GetAsync(HttpClient client, string path) => await Expect(await client.GetAsync(path), HttpStatusCode.OK);

    public static async Task<JsonNode> PostOk(HttpClient client, string path, object? body = null) =>
        await Expect(await client.PostAsJsonAsync(path, body ?? new { }), HttpStatusCode.OK);

    /// <summary>Asserts the status and returns the JSON body, showing the body when the status is wrong.</summary>
    public static async Task<JsonNode> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts a problem-details response with the given status and stable code; returns the problem.</summary>
    public static async Task<JsonNode> ExpectProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await Expect(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, body["code"]?.GetValue<string>());
        return body;
    }

    public static string Text(JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('.'))
        {
            current = current?[part];
        }

        return current?.GetValueKind() == JsonValueKind.String ? current.GetValue<string>() : current?.ToJsonString() ?? "null";
    }
}
