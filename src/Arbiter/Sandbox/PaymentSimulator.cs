using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Events;
using Arbiter.Storage;
using Dapper;

namespace Arbiter.Sandbox;

/// <summary>
/// The platform's payment system, played by Arbiter itself in demo and sandbox mode: it takes on
/// each refund Arbiter asks for (<c>refund.created</c>, <c>refund.retried</c>) at once and reports it
/// completed 7 to 10 of the buyer's business days later on the service's clock, as a card refund would (the
/// number is fixed per refund, so a sandbox run can be repeated). An order paid with a payment
/// reference starting <c>decline</c> has its refunds fail instead, every time, so that a sandbox
/// can watch retries and a refund that needs a mediator. It reports through the same commands as
/// the API; a report that no longer applies (the platform reported first) is skipped.
/// </summary>
internal sealed class PaymentSimulator(Database db, OrderCommands commands, TimeProvider clock, ILogger<PaymentSimulator> logger) : IOutboxConsumer
{
    private static readonly string[] Requests = ["refund.created", "refund.retried"];

    /// <summary>How long a simulated refund takes: 7 to 10 of the buyer's business days, the same for the same refund.</summary>
    public static DateTimeOffset CompletesAt(string requestEventId, DateTimeOffset requestedAt, WorkCalendar buyers) =>
        buyers.Add(requestedAt, 7 + (SHA256.HashData(Encoding.UTF8.GetBytes(requestEventId))[0] % 4));

    public Task<Action<OutboxEvent, SqlBatch>> PrepareAsync(DbConnection connection, DbTransaction tx, DateTimeOffset now) =>
        Task.FromResult<Action<OutboxEvent, SqlBatch>>((e, batch) =>
        {
            if (Requests.Contains(e.Type) && e.RefundId is { } refundId)
            {
                var reference = JsonNode.Parse(e.Payload)!["order"]!["payment"]!["reference"]!.GetValue<string>();
                batch.Add(
                    """
                    INSERT INTO simulated_refunds (event_id, refund_id, order_id, state, complete_at, declines)
                    VALUES (@Id, @RefundId, @OrderId, 'new', @CompleteAt, @Declines) ON CONFLICT (event_id) DO NOTHING
                    """,
                    new
                    {
                        e.Id,
                        RefundId = refundId,
                        e.OrderId,
                        CompleteAt = e.CreatedAt,
                        Declines = reference.StartsWith("decline", StringComparison.OrdinalIgnoreCase) ? 1 : 0,
                    });
            }
        });

    /// <summary>
    /// Reports new refunds sent and due ones completed; returns how many moved on. Reports are
    /// idempotent, so two nodes doing one twice is harmless.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        IReadOnlyList<(string EventId, string RefundId, string OrderId, string State, long Declines)> due;
        await using (var connection = await db.OpenAsync(ct))
        {
            due = [.. await connection.QueryAsync<(string, string, string, string, long)>(
                "SELECT event_id, refund_id, order_id, state, declines FROM simulated_refunds WHERE state = 'new' OR (state = 'sent' AND complete_at <= @now) ORDER BY complete_at LIMIT 200",
                new { now = clock.GetUtcNow().ToUnixTimeMilliseconds() })];
        }

        var advanced = 0;
        foreach (var (eventId, refundId, orderId, state, declines) in due)
        {
            var reference = $"sim_{eventId}";
            DateTimeOffset? completesAt = null;
            var result = await commands.RunAsync<bool>(OrderId.Of(orderId), _ => true, (order, now) => (state, declines) switch
            {
                ("new", 0) => Send(order, refundId, reference, now, at => completesAt = CompletesAt(eventId, at, order.CalendarOf(Party.Buyer))),
                ("new", _) => order.ReportRefundFailed(refundId, "simulated: the card issuer declined the refund", Actor.Platform, now).Done(),
                _ => order.ReportRefundCompleted(refundId, reference, Actor.Platform, now).Done(),
            }, ct: ct);
            if (result.Error == OrderCommands.Conflict)
            {
                continue; // someone changed the order at that moment: the next pass reports again
            }

            if (result.Error is { } error && logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Payment simulator skipped {Refund}: {Reason}", refundId, error.Message);
            }

            advanced += await db.WriteAsync((connection, tx) => connection.ExecuteAsync(
                "UPDATE simulated_refunds SET state = @next, complete_at = COALESCE(@completesAt, complete_at) WHERE event_id = @eventId AND state = @state",
                new { eventId, state, next = state == "new" && declines == 0 && result.Error is null ? "sent" : "done", completesAt = completesAt?.ToUnixTimeMilliseconds() },
                tx), ct);
        }

        return advanced;
    }

    /// <summary>Takes the refund on; it completes counted from when it was asked for (its last attempt), in the buyer's business days.</summary>
    private static Result<bool> Send(Order order, string refundId, string reference, DateTimeOffset now, Action<DateTimeOffset> completesFrom)
    {
        if (order.Refund(refundId) is { } refund)
        {
            completesFrom(refund.UpdatedAt ?? refund.CreatedAt);
        }

        return order.ReportRefundSent(refundId, reference, Actor.Platform, now).Done();
    }
}
