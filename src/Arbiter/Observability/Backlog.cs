using System.Diagnostics.Metrics;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Storage;
using Dapper;

namespace Arbiter.Observability;

/// <summary>
/// What waits, read from the indexes when metrics are collected (at most every two seconds, however
/// many gauges ask): events not yet fanned out, webhook deliveries and e-mail pending, refunds by
/// status, and disputes not yet finished by status. Statuses are their API words.
/// </summary>
internal sealed class Backlog
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);
    private readonly Database _db;
    private readonly Lock _gate = new();
    private (DateTimeOffset At, Counts Counts)? _last;

    public Backlog(Database db, ArbiterMetrics metrics)
    {
        _db = db;
        metrics.Meter.CreateObservableGauge("arbiter.outbox.backlog", () => Read().Outbox, description: "Events written but not yet fanned out to webhooks, e-mail and the other consumers.");
        metrics.Meter.CreateObservableGauge("arbiter.webhooks.backlog", () => Read().Webhooks, description: "Webhook deliveries pending (to be sent, or retried).");
        metrics.Meter.CreateObservableGauge("arbiter.mail.backlog", () => Read().Mail, description: "E-mails pending.");
        metrics.Meter.CreateObservableGauge("arbiter.refunds", () => Measure<RefundStatus>(Read().Refunds), description: "Refunds by status.");
        metrics.Meter.CreateObservableGauge("arbiter.disputes.open", () => Measure<DisputeStatus>(Read().Disputes), description: "Disputes not yet resolved or cancelled, by status.");
    }

    /// <summary>Counts by status as stored (the enum's name), labelled with the status's API word.</summary>
    private static IEnumerable<Measurement<long>> Measure<TStatus>(IReadOnlyDictionary<string, long> byStatus)
        where TStatus : struct, Enum =>
        byStatus.Select(s => new Measurement<long>(s.Value, new KeyValuePair<string, object?>("status", Words.Of(Enum.Parse<TStatus>(s.Key)))));

    private Counts Read()
    {
        lock (_gate)
        {
            var now = TimeProvider.System.GetUtcNow();
            if (_last is not { } last || now - last.At > Fresh)
            {
                // Metrics are collected synchronously; the queries are on small indexes.
                _last = (now, ReadAsync().GetAwaiter().GetResult());
            }

            return _last.Value.Counts;
        }
    }

    private Task<Counts> ReadAsync() => _db.ReadAsync(async (connection, tx) =>
    {
        var outbox = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(last_seq - seq + 1), 0) FROM events_waiting", transaction: tx);
        var webhooks = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'", transaction: tx);
        var mail = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM mail_messages WHERE status = 'pending'", transaction: tx);
        var refunds = await connection.QueryAsync<(string, long)>("SELECT status, COUNT(*) FROM refunds GROUP BY status", transaction: tx);
        var disputes = await connection.QueryAsync<(string, long)>(
            "SELECT status, COUNT(*) FROM disputes WHERE status NOT IN ('Resolved', 'Cancelled') GROUP BY status", transaction: tx);
        return new Counts(outbox, webhooks, mail, refunds.ToDictionary(r => r.Item1, r => r.Item2), disputes.ToDictionary(d => d.Item1, d => d.Item2));
    });

    private sealed record Counts(long Outbox, long Webhooks, long Mail, IReadOnlyDictionary<string, long> Refunds, IReadOnlyDictionary<string, long> Disputes);
}
