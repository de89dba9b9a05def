using Arbiter.Security;
using Arbiter.Storage;
using Dapper;

namespace Arbiter.Webhooks;

/// <summary>One try at a delivery: what the receiver answered, or why there was no answer.</summary>
internal sealed record DeliveryAttempt(int Attempt, DateTimeOffset At, int? StatusCode, string? Response, string? Error, long DurationMs);

/// <summary>One event on its way to one endpoint, with every attempt so far.</summary>
internal sealed record Delivery(
    string Id, string EndpointId, string EventId, string EventType, string Status, int Attempts, DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, IReadOnlyList<DeliveryAttempt> AttemptLog);

/// <summary>Webhook endpoints and their deliveries, as the platform manages and inspects them; signing secrets are stored sealed.</summary>
internal sealed class WebhookStore(Database db, SecretBox secrets)
{
    private const string EndpointColumns = "id, url, event_types, description, secret, previous_secret, previous_secret_until, enabled, created_at";

    private const string EndpointFields =
        "id AS Id, url AS Url, event_types AS EventTypes, description AS Description, secret AS Secret, previous_secret AS PreviousSecret, "
        + "previous_secret_until AS PreviousSecretUntil, enabled AS Enabled, created_at AS CreatedAt";

    public async Task<WebhookEndpoint> CreateAsync(string url, IReadOnlyList<string> eventTypes, string? description, DateTimeOffset now, CancellationToken ct)
    {
        var endpoint = new WebhookEndpoint($"we_{Tokens.New(12)}", url, eventTypes, description, StandardWebhooks.NewSecret(), null, null, true, now);
        await db.WriteAsync((connection, tx) => connection.ExecuteAsync(
            $"INSERT INTO webhook_endpoints ({EndpointColumns}) VALUES (@Id, @Url, @Types, @Description, @Secret, NULL, NULL, 1, @At)",
            new { endpoint.Id, endpoint.Url, Types = string.Join(',', eventTypes), endpoint.Description, Secret = secrets.Seal(endpoint.Secret, Purpose(endpoint.Id)), At = now.ToUnixTimeMilliseconds() },
            tx), ct);
        return endpoint;
    }

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(bool enabledOnly, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<EndpointRow>($"SELECT {EndpointFields} FROM webhook_endpoints {(enabledOnly ? "WHERE enabled = 1" : "")} ORDER BY created_at, id");
        return [.. rows.Select(r => r.ToEndpoint(secrets))];
    }

    public async Task<WebhookEndpoint?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<EndpointRow>($"SELECT {EndpointFields} FROM webhook_endpoints WHERE id = @id", new { id });
        return row?.ToEndpoint(secrets);
    }

    /// <summary>Stops deliveries to an endpoint; what was pending stays in its log, unsent.</summary>
    public Task<bool> DisableAsync(string id, CancellationToken ct) =>
        db.WriteAsync(async (connection, tx) => await connection.ExecuteAsync("UPDATE webhook_endpoints SET enabled = 0 WHERE id = @id", new { id }, tx) == 1, ct);

    /// <summary>A new secret signs from now on; the previous one keeps signing too for <paramref name="overlap"/>.</summary>
    public async Task<WebhookEndpoint?> RotateSecretAsync(string id, TimeSpan overlap, DateTimeOffset now, CancellationToken ct)
    {
        var secret = StandardWebhooks.NewSecret();
        var rotated = await db.WriteAsync(async (connection, tx) => await connection.ExecuteAsync(
            "UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = @until, secret = @secret WHERE id = @id",
            new { id, secret = secrets.Seal(secret, Purpose(id)), until = (now + overlap).ToUnixTimeMilliseconds() },
            tx) == 1, ct);
        return rotated ? await FindAsync(id, ct) : null;
    }

    /// <summary>An endpoint's deliveries, newest first, each with its attempts.</summary>
    public async Task<IReadOnlyList<Delivery>> DeliveriesAsync(string endpointId, string? status, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<DeliveryRow>(
            """
            SELECT d.id AS Id, d.endpoint_id AS EndpointId, d.event_id AS EventId, e.type AS Type, d.status AS Status, d.attempts AS Attempts,
                   d.next_attempt_at AS NextAttemptAt, d.created_at AS CreatedAt, d.finished_at AS FinishedAt
            FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
            WHERE d.endpoint_id = @endpointId AND (@status IS NULL OR d.status = @status)
            ORDER BY d.created_at DESC, d.seq DESC, d.id LIMIT @limit
            """,
            new { endpointId, status, limit })).ToList();
        var attempts = (await connection.QueryAsync<AttemptRow>(
            "SELECT delivery_id AS DeliveryId, attempt AS Attempt, at AS At, status_code AS StatusCode, response AS Response, error AS Error, duration_ms AS DurationMs "
            + $"FROM webhook_attempts WHERE {db.InList("delivery_id", "ids")} ORDER BY attempt",
            new { ids = rows.Select(r => r.Id).ToArray() })).ToLookup(a => a.DeliveryId);
        return [.. rows.Select(r => r.ToDelivery(attempts[r.Id]))];
    }

    /// <summary>Sends an event to an endpoint once more, as a new delivery; null when there is no such delivery.</summary>
    public Task<string?> RedeliverAsync(string deliveryId, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync(async (connection, tx) =>
        {
            var id = $"dlv_{Tokens.New(12)}";
            var copied = await connection.ExecuteAsync(
                """
                INSERT INTO webhook_deliveries (id, endpoint_id, event_id, order_id, seq, status, attempts, next_attempt_at, lease_until, created_at, finished_at)
                SELECT @id, endpoint_id, event_id, order_id, seq, 'pending', 0, @now, NULL, @now, NULL FROM webhook_deliveries WHERE id = @deliveryId
                """,
                new { id, deliveryId, now = now.ToUnixTimeMilliseconds() },
                tx);
            return copied == 1 ? id : null;
        }, ct);

    /// <summary>
    /// Seals with the current key every secret stored before sealing existed or sealed with an
    /// older key; run at start, and once they all are, it changes nothing.
    /// </summary>
    public Task ResealStoredSecretsAsync() => db.WriteAsync(async (connection, tx) =>
    {
        var rows = await connection.QueryAsync<(string Id, string Secret, string? PreviousSecret)>("SELECT id, secret, previous_secret FROM webhook_endpoints", transaction: tx);
        foreach (var (id, secret, previous) in rows.Where(r => !secrets.IsCurrent(r.Secret) || (r.PreviousSecret is { } p && !secrets.IsCurrent(p))))
        {
            await connection.ExecuteAsync(
                "UPDATE webhook_endpoints SET secret = @secret, previous_secret = @previous WHERE id = @id",
                new { id, secret = secrets.Reseal(secret, Purpose(id)), previous = previous is null ? null : secrets.Reseal(previous, Purpose(id)) },
                tx);
        }

        return true;
    });

    /// <summary>What a secret is sealed for: its endpoint, so that one endpoint's cannot be passed off as another's.</summary>
    public static string Purpose(string endpointId) => $"webhook-secret:{endpointId}";



private static DateTimeOffset At(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);

    private sealed class EndpointRow
    {
        public string Id { get; init; } = "";
        public string Url { get; init; } = "";
        public string EventTypes { get; init; } = "";
        public string? Description { get; init; }
        public string Secret { get; init; } = "";
        public string? PreviousSecret { get; init; }
        public long? PreviousSecretUntil { get; init; }
        public long Enabled { get; init; }
        public long CreatedAt { get; init; }

        public WebhookEndpoint ToEndpoint(SecretBox secrets) => new(
            Id, Url, EventTypes.Split(','), Description, secrets.Open(Secret, Purpose(Id)), PreviousSecret is null ? null : secrets.Open(PreviousSecret, Purpose(Id)),
            PreviousSecretUntil is { } until ? At(until) : null, Enabled == 1, At(CreatedAt));
    }

    private sealed class DeliveryRow
    {
        public string Id { get; init; } = "";
        public string EndpointId { get; init; } = "";
        public string EventId { get; init; } = "";
        public string Type { get; init; } = "";
        public string Status { get; init; } = "";
        public long Attempts { get; init; }
        public long NextAttemptAt { get; init; }
        public long CreatedAt { get; init; }
        public long? FinishedAt { get; init; }

        public Delivery ToDelivery(IEnumerable<AttemptRow> log) => new(
            Id, EndpointId, EventId, Type, Status, (int)Attempts,
            Status == "pending" ? At(NextAttemptAt) : null,
            At(CreatedAt),
            FinishedAt is { } finished ? At(finished) : null,
            [.. log.Select(a => new DeliveryAttempt((int)a.Attempt, At(a.At), (int?)a.StatusCode, a.Response, a.Error, a.DurationMs))]);
    }

    private sealed class AttemptRow
    {
        public string DeliveryId { get; init; } = "";
        public long Attempt { get; init; }
        public long At { get; init; }
        public long? StatusCode { get; init; }
        public string? Response { get; init; }
        public string? Error { get; init; }
        public long DurationMs { get; init; }
    }
}
