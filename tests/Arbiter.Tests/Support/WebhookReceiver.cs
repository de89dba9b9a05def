using System.Collections.Concurrent;
using Arbiter.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Arbiter.Tests.Support;

/// <summary>One request a receiver got, and what it answered.</summary>
public sealed record ReceivedWebhook(string EventId, string EventType, string DeliveryId, string Signature, string Body, int AnsweredWith)
{
    /// <summary>The Standard Webhooks headers, as they came.</summary>
    public IReadOnlyDictionary<string, string> Standard { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// A platform's webhook receiver: a real HTTP server on loopback that records every request and
/// answers 500 to the first <c>failFirst</c> of them, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _failuresLeft;

    private WebhookReceiver(int failFirst)
    {
        _failuresLeft = failFirst;
        var port = Loopback.FreePort();
        Url = $"http://127.0.0.1:{port}/hooks";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hooks", ReceiveAsync);
    }

    public string Url { get; }

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>The deliveries it accepted, in the order they came.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. _received.Where(r => r.AnsweredWith == 200)];

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var receiver = new WebhookReceiver(failFirst);
        await receiver._app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var fail = Interlocked.Decrement(ref _failuresLeft) >= 0;
        _received.Enqueue(new ReceivedWebhook(
            request.Headers["Arbiter-Event-Id"].ToString(),
            request.Headers["Arbiter-Event-Type"].ToString(),
            request.Headers["Arbiter-Delivery-Id"].ToString(),
            request.Headers["Arbiter-Signature"].ToString(),
            body,
            fail ? 500 : 200)
        {
            Standard = new[] { "webhook-id", "webhook-timestamp", "webhook-signature" }.ToDictionary(h => h, h => request.Headers[h].ToString()),
        });
        return fail ? Results.Text("receiver is down", statusCode: 500) : Results.Text("ok");
    }
}
