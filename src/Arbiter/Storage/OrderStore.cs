using System.Data.Common;
using System.Text.Json;
using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Domain.Ledger;
using Arbiter.Domain.Orders;
using Arbiter.Events;
using Dapper;

namespace Arbiter.Storage;

/// <summary>
/// An order loaded for a command, with the version and the derived rows it had when read, and
/// whether its policy is stored beside it (a document written before carries its policy inside).
/// </summary>
internal sealed record LoadedOrder(Order Order, long Version, DerivedRows Stored, bool PolicyStored = true);

/// <summary>How a load inside a write transaction treats an order another transaction is changing.</summary>
internal enum RowLock
{
    /// <summary>Read without locking (a snapshot read).</summary>
    None,

    /// <summary>Lock the order, waiting for the other transaction: commands on one order serialize.</summary>
    Wait,

    /// <summary>Lock the order unless another transaction holds it; then it reads as absent (timers on many nodes).</summary>
    SkipLocked,
}

/// <summary>
/// Orders as versioned JSON documents beside their ledger, timers and dispute index. A save
/// writes all of them in one transaction, only if nobody saved the order since it was read.
/// </summary>
internal sealed class OrderStore(Database db)
{
    public Task<LoadedOrder?> LoadAsync(OrderId orderId, CancellationToken ct = default) =>
        db.ReadAsync((connection, tx) => LoadAsync(connection, tx, orderId, RowLock.None), ct);

    /// <summary>Loads orders for reading, all from one snapshot in one round trip; missing ones are left out.</summary>
    public Task<IReadOnlyList<LoadedOrder>> LoadManyAsync(IReadOnlyCollection<OrderId> orderIds, CancellationToken ct = default) =>
        orderIds.Count == 0 ? Task.FromResult<IReadOnlyList<LoadedOrder>>([]) : db.ReadAsync((connection, tx) => LoadManyAsync(connection, tx, orderIds, RowLock.None), ct);

    /// <summary>Loads an order inside the caller's transaction, locking its row as asked.</summary>
    public async Task<LoadedOrder?> LoadAsync(DbConnection connection, DbTransaction tx, OrderId orderId, RowLock rowLock) =>
        (await LoadManyAsync(connection, tx, [orderId], rowLock)).SingleOrDefault();

    /// <summary>
    /// Loads orders inside the caller's transaction, documents and ledgers in one round trip, locking
    /// their rows as asked; orders skipped because another transaction holds them are left out.
    /// </summary>
    public async Task<IReadOnlyList<LoadedOrder>> LoadManyAsync(DbConnection connection, DbTransaction tx, IReadOnlyCollection<OrderId> orderIds, RowLock rowLock)
    {
        var lockClause = rowLock switch
        {
            RowLock.Wait => db.LockWaiting,
            RowLock.SkipLocked => db.LockSkippingLocked,
            _ => "",
        };
        // One order (most loads) by an equality: PostgreSQL plans a list anew on every call.
        string Matching(string column) => orderIds.Count == 1 ? $"{column} = @orderId" : db.InList(column, "orderIds");
        await using var results = await connection.QueryMultipleAsync(
            $"""
            SELECT id, doc, version, policy_id FROM orders WHERE {Matching("id")} ORDER BY id{lockClause};
            SELECT order_id, seq, line_id, kind, at, entries FROM ledger_postings WHERE {Matching("order_id")} ORDER BY order_id, seq;
            """,
            new { orderId = orderIds.FirstOrDefault().Value, orderIds = orderIds.Select(id => id.Value).ToArray() },
            tx);
        var rows = (await results.ReadAsync<(string Id, string Doc, long Version, string? PolicyId)>()).ToList();
        var postings = (await results.ReadAsync<(string OrderId, int Seq, string LineId, string Kind, long At, string? Entries)>())
            .GroupBy(p => p.OrderId)
            .ToDictionary(g => g.Key, g => g.Select(p => new Posting(OrderId.Of(p.OrderId), p.Seq, p.LineId, Enum.Parse<PostingKind>(p.Kind), DateTimeOffset.FromUnixTimeMilliseconds(p.At), PostingEntries.Read(p.Entries))).ToList());
        var policies = await StoredPolicies.ReadAsync(db, connection, tx, rows.Where(r => r.PolicyId is not null).Select(r => r.PolicyId!));
        return [.. rows.Select(row => Rehydrate(row.Doc, row.Version, postings.GetValueOrDefault(row.Id) ?? [], row.PolicyId is null ? null : policies[row.PolicyId]))];
    }

    /// <summary>Saves a new order, as one batch; null when the id is taken.</summary>
    /// <param name="partiesStand">
    /// Whether the order is saved only if its buyer and seller are accounts not erased, checked in
    /// the statement that saves it; null also when they are not.
    /// </param>
    public async Task<SavedOrder?> InsertAsync(Order order, bool partiesStand, CancellationToken ct = default)
    {
        var document = Serialize(order);
        var rows = DerivedRows.Of(order);
        var batch = new SqlBatch { LocksFirst = order.Id.Value };
        var insert = partiesStand ? InsertOrderWhilePartiesStand : InsertOrder;
        batch.AddRowsEachChanged(insert, insert, [NewOrderRow.Of(order, document, rows)], order.Id.Value);
        AddNew(batch, order, rows);
        try
        {
            await db.WriteAsync(batch, ct);
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }

        return new SavedOrder(order, 1, rows);
    }

    /// <summary>Saves a new order inside the caller's transaction (bulk loads put many in one); false when the id is taken.</summary>
    public static async Task<bool> InsertAsync(DbConnection connection, DbTransaction tx, Order order)
    {
        var rows = DerivedRows.Of(order);
        if (await connection.ExecuteAsync(InsertOrder, NewOrderRow.Of(order, Serialize(order), rows), tx) == 0)
        {
            return false;
        }

        var batch = new SqlBatch();
        AddNew(batch, order, rows);
        await batch.ExecuteAsync(connection, tx);
        return true;
    }

    private const string InsertOrder =
        """
        INSERT INTO orders (id, buyer_id, seller_id, status, version, doc, updated_at, titles, due_at, finished_at, policy_id)
        VALUES (@Id, @BuyerId, @SellerId, @Status, 1, @Doc, @At, @Titles, @DueAt, @FinishedAt, @PolicyId) ON CONFLICT (id) DO NOTHING
        """;

    /// <remarks>An account's role never changes, and erasure is the only change to its region: both parties not erased means both as they were checked.</remarks>
    private const string InsertOrderWhilePartiesStand =
        """
        INSERT INTO orders (id, buyer_id, seller_id, status, version, doc, updated_at, titles, due_at, finished_at, policy_id)
        SELECT @Id, @BuyerId, @SellerId, @Status, 1, @Doc, @At, @Titles, @DueAt, @FinishedAt, @PolicyId
        WHERE (SELECT count(*) FROM accounts WHERE id IN (@BuyerId, @SellerId) AND erased_at IS NULL) = 2
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>What follows a new order's row: its policy unless stored, and every row derived from it.</summary>
    private static void AddNew(SqlBatch batch, Order order, DerivedRows rows)
    {
        var writes = new DerivedWrites();
        StoredPolicies.AddTo(batch, order.Policy);
        AddDerived(batch, writes, order, DerivedRows.None, rows);
        writes.AddTo(batch);
    }

    /// <summary>A new order's row.</summary>
    private sealed record NewOrderRow(string Id, string BuyerId, string SellerId, string Status, string Doc, long At, string Titles, long? DueAt, long? FinishedAt, string PolicyId)
    {
        public static NewOrderRow Of(Order order, string document, DerivedRows rows) => new(
            order.Id.Value, order.BuyerId, order.SellerId, order.Status.ToString(), document, order.CreatedAt.ToUnixTimeMilliseconds(),
            ListColumns.Titles(order), ListColumns.DueAt(rows.Deadlines), ListColumns.FinishedAt(order), StoredPolicies.IdOf(order.Policy));
    }

    /// <summary>
    /// Saves a changed order inside the caller's transaction, or throws <see cref="ConcurrencyConflictException"/>
    /// when the order changed since it was read (a safety net behind the row lock).
    /// </summary>
    public static Task SaveAsync(DbConnection connection, DbTransaction tx, LoadedOrder loaded, DateTimeOffset now) =>
        PrepareSave([loaded], now).ExecuteAsync(connection, tx);

    /// <summary>Saves changed orders inside the caller's transaction (see <see cref="SaveAsync"/>).</summary>
    public static Task SaveManyAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<LoadedOrder> orders, DateTimeOffset now) =>
        PrepareSave(orders, now).ExecuteAsync(connection, tx);

    /// <summary>The statements that save changed orders, built (documents serialized) before any transaction needs them.</summary>
    public static OrderSave PrepareSave(IReadOnlyList<LoadedOrder> orders, DateTimeOffset now)
    {
        var documents = new List<object>();
        var saved = new List<SavedOrder>();
        foreach (var (order, version, _, _) in orders)
        {
            var document = Serialize(order);
            var rows = DerivedRows.Of(order);
            documents.Add(new DocumentRow(
                order.Id.Value, order.Status.ToString(), document, now.ToUnixTimeMilliseconds(), ListColumns.DueAt(rows.Deadlines), ListColumns.FinishedAt(order),
                StoredPolicies.IdOf(order.Policy), version));
            saved.Add(new SavedOrder(order, version + 1, rows));
        }

        // The documents go first: a save locks its orders before it writes anything derived from them, as every writer does.
        var batch = new SqlBatch { LocksFirst = saved.Select(s => s.Order.Id.Value).Min(StringComparer.Ordinal) };
        batch.AddRowsEachChanged(
            """
            UPDATE orders SET status = @Status, version = version + 1, doc = @Doc, updated_at = @At, due_at = @DueAt, finished_at = @FinishedAt, policy_id = @PolicyId
            WHERE id = @Id AND version = @Version
            """,
            """
            UPDATE orders o SET status = u.status, version = o.version + 1, doc = u.doc, updated_at = u.at, due_at = u.due_at, finished_at = u.finished_at, policy_id = u.policy_id
            FROM unnest(@Id, @Status, @Doc, @At, @DueAt, @FinishedAt, @PolicyId, @Version) AS u (id, status, doc, at, due_at, finished_at, policy_id, version)
            WHERE o.id = u.id AND o.version = u.version
            """,
            documents,
            string.Join(", ", saved.Select(s => s.Order.Id)));
        var writes = new DerivedWrites();
        foreach (var ((order, _, stored, policyStored), next) in orders.Zip(saved))
        {
            if (!policyStored)
            {
                StoredPolicies.AddTo(batch, order.Policy);
            }

            AddDerived(batch, writes, order, stored, next.Rows);
        }

        writes.AddTo(batch);
        return new OrderSave(saved, batch);
    }

    /// <summary>An order's document as a save writes it, if the order is still at <paramref name="Version"/>.</summary>
    private sealed record DocumentRow(string Id, string Status, string Doc, long At, long? DueAt, long? FinishedAt, string PolicyId, long Version);

    /// <summary>An order from its stored document, ledger and policy (none: the document carries its own).</summary>
    private static LoadedOrder Rehydrate(string document, long version, IReadOnlyList<Posting> postings, Policy? policy)
    {
        var order = JsonSerializer.Deserialize<Order>(document, Json.Storage)!;
        order.AttachLedger(postings);
        if (policy is not null)
        {
            order.AttachPolicy(policy);
        }

        return new LoadedOrder(order, version, DerivedRows.Of(order), policy is not null);
    }

    private static string Serialize(Order order) => JsonSerializer.Serialize(order, Json.Storage);

    /// <summary>
    /// New postings and events (the outbox), and the timer, dispute-index and refund-index rows that
    /// changed (<paramref name="stored"/> as read, <paramref name="now"/> as the order stands), follow
    /// the document in the same transaction: the outbox, ledger and timer rows gathered in
    /// <paramref name="writes"/> for the whole batch of orders, the index rows in <paramref name="batch"/>.
    /// </summary>
    private static void AddDerived(SqlBatch batch, DerivedWrites writes, Order order, DerivedRows stored, DerivedRows now)
    {
        EventPayload? first = null, last = null;
        foreach (var recorded in order.NewEvents)
        {
            if (EventTypes.Of(recorded) is not { } type)
            {
                continue;
            }

            var payload = EventPayload.Of(order, recorded, type);
            writes.Event(payload.Id, payload.OrderId, payload.Sequence, payload.Type, payload.DisputeId, payload.RefundId, payload.ToJson(), recorded.Entry.At.ToUnixTimeMilliseconds());
            first ??= payload;
            last = payload;
        }

        // A command's events wait for fan-out together, as one row: their order and their range.
        if (first is not null)
        {
            writes.Waiting(first.OrderId, first.Sequence, last!.Sequence);
        }

        foreach (var posting in order.Ledger.NewPostings)
        {
            writes.Posting(posting.Id, posting.OrderId.Value, posting.Sequence, posting.LineId, posting.Kind.ToString(), posting.At.ToUnixTimeMilliseconds(), PostingEntries.Write(posting.Entries));
        }

        if (now.NextDue != stored.NextDue)
        {
            if (now.NextDue is { } due)
            {
                writes.TimerAt(order.Id.Value, due);
            }
            else
            {
                writes.TimerGone(order.Id.Value);
            }
        }

        var storedDisputes = stored.Disputes.Select(d => d.Id).ToHashSet();
        foreach (var dispute in now.Disputes.Where(d => !stored.Disputes.Contains(d)))
        {
            // An update where the row was read is cheaper than an insert that finds it there.
            if (storedDisputes.Contains(dispute.Id))
            {
                batch.Add(
                    "UPDATE disputes SET status = @Status, escalated = @Escalated, due_at = @DueAt, stage = @Stage, assignee = @Assignee, assigned_at = @AssignedAt WHERE id = @Id",
                    new { dispute.Id, dispute.Status, dispute.Escalated, dispute.DueAt, dispute.Stage, dispute.Assignee, dispute.AssignedAt });
                continue;
            }

            batch.Add(
                """
                INSERT INTO disputes (id, order_id, buyer_id, seller_id, status, escalated, due_at, opened_at, stage, assignee, assigned_at)
                VALUES (@Id, @OrderId, @BuyerId, @SellerId, @Status, @Escalated, @DueAt, @OpenedAt, @Stage, @Assignee, @AssignedAt)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, escalated = excluded.escalated, due_at = excluded.due_at, stage = excluded.stage,
                    assignee = excluded.assignee, assigned_at = excluded.assigned_at
                """,
                new
                {
                    dispute.Id, OrderId = order.Id.Value, order.BuyerId, order.SellerId, dispute.Status, dispute.Escalated, dispute.DueAt, dispute.OpenedAt, dispute.Stage,
                    dispute.Assignee, dispute.AssignedAt,
                });
        }

        foreach (var refund in now.Refunds.Where(r => !stored.Refunds.Contains(r)))
        {
            batch.Add(
                """
                INSERT INTO refunds (id, order_id, status, needs_attention, updated_at) VALUES (@Id, @OrderId, @Status, @NeedsAttention, @UpdatedAt)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, needs_attention = excluded.needs_attention, updated_at = excluded.updated_at
                """,
                new { refund.Id, OrderId = order.Id.Value, refund.Status, refund.NeedsAttention, refund.UpdatedAt });
        }

        foreach (var chargeback in now.Chargebacks.Where(c => !stored.Chargebacks.Contains(c)))
        {
            batch.Add(
                """
                INSERT INTO chargebacks (id, order_id, status, needs_attention, updated_at) VALUES (@Id, @OrderId, @Status, @NeedsAttention, @UpdatedAt)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, needs_attention = excluded.needs_attention, updated_at = excluded.updated_at
                """,
                new { chargeback.Id, OrderId = order.Id.Value, chargeback.Status, chargeback.NeedsAttention, chargeback.UpdatedAt });
        }
    }

    /// <summary>The orders with a refund that failed every attempt, the longest waiting first.</summary>
    public Task<IReadOnlyList<OrderId>> OrdersNeedingRefundAttentionAsync(int limit, CancellationToken ct = default) =>
        OrdersNeedingAttentionAsync("refunds", limit, ct);

    /// <summary>The orders with an open chargeback that pays what a sent refund pays too, the longest waiting first.</summary>
    public Task<IReadOnlyList<OrderId>> OrdersNeedingChargebackAttentionAsync(int limit, CancellationToken ct = default) =>
        OrdersNeedingAttentionAsync("chargebacks", limit, ct);

    private async Task<IReadOnlyList<OrderId>> OrdersNeedingAttentionAsync(string table, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var ids = await connection.QueryAsync<string>(
            $"SELECT order_id FROM {table} WHERE needs_attention = 1 GROUP BY order_id ORDER BY MIN(updated_at), order_id LIMIT @limit", new { limit });
        return [.. ids.Select(OrderId.Of)];
    }

    /// <summary>Orders with a deadline due by <paramref name="now"/>, earliest first: a range scan of the due-date index, one row an order.</summary>
    public async Task<IReadOnlyList<OrderId>> DueOrdersAsync(DateTimeOffset now, int limit, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var ids = await connection.QueryAsync<string>(
            "SELECT order_id FROM timers WHERE due_at <= @now ORDER BY due_at LIMIT @limit",
            new { now = now.ToUnixTimeMilliseconds(), limit });
        return [.. ids.Select(OrderId.Of)];
    }

    /// <summary>When an order's timer is set for (Unix milliseconds), or null when it has none, for the audit.</summary>
    public async Task<long?> TimerDueAtAsync(OrderId orderId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long?>("SELECT due_at FROM timers WHERE order_id = @orderId", new { orderId = orderId.Value });
    }

    /// <summary>Every order id, in pages, for whole-database work such as the audit.</summary>
    public async IAsyncEnumerable<OrderId> AllIdsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var after = "";
        while (true)
        {
            IReadOnlyList<string> page;
            await using (var connection = await db.OpenAsync(ct))
            {
                page = [.. await connection.QueryAsync<string>("SELECT id FROM orders WHERE id > @after ORDER BY id LIMIT 1000", new { after })];
            }

            foreach (var id in page)
            {
                yield return OrderId.Of(id);
            }

            if (page.Count < 1000)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    /// <summary>
    /// Fills the list columns of orders saved before they existed (migrations 11 and 13), a batch at a
    /// time, each batch its own short transaction; returns how many orders it filled.
    /// </summary>
    public async Task<int> FillListColumnsAsync(CancellationToken ct = default)
    {
        var filled = 0;
        while (true)
        {
            var batch = await db.WriteAsync(async (connection, tx) =>
            {
                var rows = (await connection.QueryAsync<(string Id, string Doc, string? PolicyId)>(
                    "SELECT id, doc, policy_id FROM orders WHERE titles IS NULL ORDER BY id LIMIT 500", transaction: tx)).ToList();
                var policies = await StoredPolicies.ReadAsync(db, connection, tx, rows.Where(r => r.PolicyId is not null).Select(r => r.PolicyId!));
                var updates = new SqlBatch();
                foreach (var (_, doc, policyId) in rows)
                {
                    var order = Rehydrate(doc, 0, [], policyId is null ? null : policies[policyId]).Order;
                    updates.Add(
                        "UPDATE orders SET titles = @Titles, due_at = @DueAt, finished_at = @FinishedAt WHERE id = @Id",
                        new { Id = order.Id.Value, Titles = ListColumns.Titles(order), DueAt = ListColumns.DueAt(order.Deadlines()), FinishedAt = ListColumns.FinishedAt(order) });
                    foreach (var dispute in order.Disputes.Where(d => d.EscalationStatus is not null))
                    {
                        updates.Add("UPDATE disputes SET stage = @Stage WHERE id = @Id", new { dispute.Id, Stage = dispute.EscalationStatus.ToString() });
                    }
                }

                await updates.ExecuteAsync(connection, tx);
                return rows.Count;
            }, ct);
            filled += batch;
            if (batch == 0)
            {
                return filled;
            }
        }
    }

    /// <summary>Every order of a seller, for the seller's record.</summary>
    public async Task<IReadOnlyList<OrderId>> SellerOrderIdsAsync(string sellerId, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var ids = await connection.QueryAsync<string>(new CommandDefinition("SELECT id FROM orders WHERE seller_id = @sellerId ORDER BY id", new { sellerId }, cancellationToken: ct));
        return [.. ids.Select(OrderId.Of)];
    }

    /// <summary>Dispute ids the caller may list, optionally of one status and assignee, by due date.</summary>
    public async Task<IReadOnlyList<(string Id, OrderId OrderId)>> DisputeIdsAsync(
        string? buyerId, string? sellerId, bool escalatedOnly, string? status, AssigneeFilter assignee, int limit, int offset, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var ids = await connection.QueryAsync<(string, string)>(new CommandDefinition(
            $"""
            SELECT d.id, d.order_id FROM disputes d
            WHERE {OrderLists.Where(OrderLists.DisputeConditions(db, buyerId, sellerId, escalatedOnly, status is null ? 0 : 1, assignee))}
            ORDER BY {OrderLists.DisputeSortKey}, d.id LIMIT @limit OFFSET @offset
            """,
            new { buyerId, sellerId, status, assignee = assignee.Mediator, limit, offset },
            cancellationToken: ct));
        return [.. ids.Select(row => (row.Item1, OrderId.Of(row.Item2)))];
    }
}
