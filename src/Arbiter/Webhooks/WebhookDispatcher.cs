using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Arbiter.Events;
using Arbiter.Security;
using Arbiter.Storage;
using Dapper;

namespace Arbiter.Webhooks;

/// <summary>
/// Takes events out of the outbox to the platform's endpoints, at least once, in order per order,
/// on any number of nodes. Each event becomes one delivery per endpoint that wants its type, under
/// an id made of both, so two nodes fanning out the same event make one delivery.
/// A delivery is sent only when the same order's earlier deliveries to that endpoint are done, and
/// while a node holds its lease; a failure is retried with exponential backoff for up to three
/// days from the event, then the delivery is marked failed (it can be redelivered by hand). Every
/// attempt is logged with the receiver's answer.
/// </summary>
internal sealed class WebhookDispatcher(Database db, IHttpClientFactory httpClients, SecretBox sealedSecrets, TimeProvider clock, ILogger<WebhookDispatcher> logger) : IOutboxConsumer
{
    public const string HttpClientName = "webhooks";
    private const int SendBatch = 64;
    private const int ResponseKept = 2000;
    /// <summary>30 s after the first failure, doubling each time, at most 6 h between attempts, for 3 days.</summary>
    private static readonly Retries Retry = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(6), TimeSpan.FromDays(3));
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>An event becomes one delivery per enabled endpoint that wants its type, under an id made of both.</summary>
    public async Task<Action<OutboxEvent, SqlBatch>> PrepareAsync(DbConnection connection, DbTransaction tx, DateTimeOffset now)
    {
        var endpoints = (await connection.QueryAsync<(string Id, string EventTypes)>("SELECT id, event_types FROM webhook_endpoints WHERE enabled = 1", transaction: tx))
            .Select(e => (e.Id, Types: e.EventTypes.Split(',')))
            .ToList();
        return (e, batch) =>
        {
            foreach (var endpoint in endpoints.Where(x => WebhookEndpoint.Takes(x.Types, e.Type)))
            {
                batch.Add(
                    """
                    INSERT INTO webhook_deliveries (id, endpoint_id, event_id, order_id, seq, status, attempts, next_attempt_at, lease_until, created_at, finished_at)
                    VALUES (@Id, @EndpointId, @EventId, @OrderId, @Seq, 'pending', 0, @Now, NULL, @CreatedAt, NULL) ON CONFLICT (id) DO NOTHING
                    """,
                    new { Id = $"dlv_{endpoint.Id}_{e.Id}", EndpointId = endpoint.Id, EventId = e.Id, e.OrderId, e.Seq, Now = now.ToUnixTimeMilliseconds(), e.CreatedAt });
            }
        };
    }

    /// <summary>Sends the deliveries due now whose order has nothing earlier waiting; returns how many it tried.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var claimed = await ClaimAsync(clock.GetUtcNow(), ct);
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (delivery, token) => await SendAsync(delivery, token));
        return claimed.Count;
    }

    /// <summary>
    /// A delivery goes out only to an enabled endpoint, and only when its order has nothing earlier
    /// waiting for that endpoint: no earlier delivery pending, no earlier event not fanned out yet.
    /// </summary>
    private const string EndpointEnabledAndNothingEarlierWaiting = """
        AND EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.id = x.endpoint_id AND w.enabled = 1)
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.endpoint_id = x.endpoint_id AND p.order_id = x.order_id AND p.status = 'pending' AND p.seq < x.seq)
        AND NOT EXISTS (SELECT 1 FROM events_waiting e WHERE e.order_id = x.order_id AND e.seq < x.seq)
        """;

    /// <summary>Leases the deliveries due now that may go out.</summary>
    private Task<IReadOnlyList<Claimed>> ClaimAsync(DateTimeOffset now, CancellationToken ct) => db.WriteAsync<IReadOnlyList<Claimed>>(async (connection, tx) =>
    {
        var ids = await DueWork.LeaseAsync(connection, tx, "webhook_deliveries", EndpointEnabledAndNothingEarlierWaiting, now, Lease, SendBatch);
        if (ids.Count == 0)
        {
            return [];
        }

        return [.. await connection.QueryAsync<Claimed>(
            $"""
            SELECT d.id AS Id, d.endpoint_id AS EndpointId, d.attempts AS Attempts, d.created_at AS CreatedAt, e.id AS EventId, e.type AS EventType, e.payload AS Payload, w.url AS Url,
                   w.secret AS Secret, w.previous_secret AS PreviousSecret, w.previous_secret_until AS PreviousSecretUntil
            FROM webhook_deliveries d JOIN events e ON e.id = d.event_id JOIN webhook_endpoints w ON w.id = d.endpoint_id
            WHERE {db.InList("d.id", "ids")}
            """,
            new { ids = ids.ToArray() },
            tx)];
    }, ct);

    private async Task SendAsync(Claimed delivery, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var purpose = WebhookStore.Purpose(delivery.EndpointId);
        var secrets = delivery.PreviousSecret is not null && delivery.PreviousSecretUntil > now.ToUnixTimeMilliseconds()
            ? new[] { sealedSecrets.Open(delivery.Secret, purpose), sealedSecrets.Open(delivery.PreviousSecret, purpose) }
            : [sealedSecrets.Open(delivery.Secret, purpose)];
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("Arbiter-Event-Id", delivery.EventId);
        request.Headers.Add("Arbiter-Event-Type", delivery.EventType);
        request.Headers.Add("Arbiter-Delivery-Id", delivery.Id);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secrets, now.ToUnixTimeSeconds(), body));
        StandardWebhooks.Sign(request.Headers, delivery.EventId, now.ToUnixTimeSeconds(), body, secrets);

        var started = Stopwatch.GetTimestamp();
        int? status = null;
        string? response = null;
        string? error = null;
        try
        {
            using var answer = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
            status = (int)answer.StatusCode;
            response = Truncate(await answer.Content.ReadAsStringAsync(ct));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            error = Truncate(Refusal(e)?.Message ?? e.Message);
        }

        var attempt = (int)delivery.Attempts + 1;
        var succeeded = status is >= 200 and < 300;
        var retry = Retry.After(attempt, now, DateTimeOffset.FromUnixTimeMilliseconds(delivery.CreatedAt));
        var givenUp = !succeeded && retry.GiveUp;
        var duration = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await db.WriteAsync((connection, tx) => RecordAsync(connection, tx, delivery.Id, attempt, now, status, response, error, duration, succeeded, givenUp, retry.Next), CancellationToken.None);
        if (givenUp)
        {
            logger.LogWarning("Gave up delivering {Delivery} to {Url} after {Attempts} attempts", delivery.Id, delivery.Url, attempt);
        }
    }

    /// <summary>A connection refused because of where it would go, wherever the handler wrapped it.</summary>
    private static WebhookTargetRefusedException? Refusal(Exception? e) =>
        e is null ? null : e as WebhookTargetRefusedException ?? Refusal(e.InnerException);

    private static async Task<bool> RecordAsync(
        DbConnection connection, DbTransaction tx, string id, int attempt, DateTimeOffset now, int? status, string? response, string? error, long duration, bool succeeded, bool givenUp,
        DateTimeOffset next)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, response, error, duration_ms)
            VALUES (@id, @attempt, @at, @status, @response, @error, @duration) ON CONFLICT DO NOTHING
            """,
            new { id, attempt, at = now.ToUnixTimeMilliseconds(), status, response, error, duration },
            tx);
        await connection.ExecuteAsync(
            """
            UPDATE webhook_deliveries SET attempts = @attempt, lease_until = NULL, status = @state, next_attempt_at = @next, finished_at = @finished
            WHERE id = @id
            """,
            new
            {
                id,
                attempt,
                state = succeeded ? "succeeded" : givenUp ? "failed" : "pending",
                next = next.ToUnixTimeMilliseconds(),
                finished = succeeded || givenUp ? now.ToUnixTimeMilliseconds() : (long?)null,
            },
            tx);
        return true;
    }

    private static string? Truncate(string? text) => text is null || text.Length <= ResponseKept ? text : text[..ResponseKept];

    private sealed class Claimed
    {
        public string Id { get; init; } = "";
        public long Attempts { get; init; }
        public long CreatedAt { get; init; }
        public string EventId { get; init; } = "";
        public string EventType { get; init; } = "";
        public string Payload { get; init; } = "";
        public string Url { get; init; } = "";
        public string EndpointId { get; init; } = "";
        public string Secret { get; init; } = "";
        public string? PreviousSecret { get; init; }
        public long? PreviousSecretUntil { get; init; }
    }
}
