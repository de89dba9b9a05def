namespace Arbiter.Storage;

/// <summary>
/// The tables, as numbered migrations. Both backends run the same SQL but for the binary column
/// type, one JSON aggregate, one function and SQLite's WITHOUT ROWID. <c>schema_migrations</c> records how far a database got.
/// </summary>
internal static class Schema
{
    /// <summary>
    /// The migrations, written once; <c>{bytes}</c> is each backend's binary type, <c>{entries_by_posting}</c>
    /// its JSON aggregate of a posting's entries, <c>{conflict_function}</c> what a save's guard calls,
    /// <c>{without_rowid}</c> a table that is its key alone on SQLite.
    /// </summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE accounts (
            id TEXT PRIMARY KEY, role TEXT NOT NULL, display_name TEXT NOT NULL, email TEXT,
            token_hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL);
        CREATE TABLE orders (
            id TEXT PRIMARY KEY, buyer_id TEXT NOT NULL, seller_id TEXT NOT NULL, status TEXT NOT NULL,
            version BIGINT NOT NULL, doc TEXT NOT NULL, updated_at BIGINT NOT NULL);
        CREATE INDEX orders_buyer ON orders (buyer_id);
        CREATE INDEX orders_seller ON orders (seller_id);
        CREATE TABLE disputes (
            id TEXT PRIMARY KEY, order_id TEXT NOT NULL, buyer_id TEXT NOT NULL, seller_id TEXT NOT NULL,
            status TEXT NOT NULL, escalated INTEGER NOT NULL, due_at BIGINT, opened_at BIGINT NOT NULL);
        CREATE INDEX disputes_status ON disputes (status, due_at);
        CREATE TABLE timers (
            order_id TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, due_at BIGINT NOT NULL,
            PRIMARY KEY (order_id, key));
        CREATE INDEX timers_due ON timers (due_at);
        CREATE TABLE ledger_postings (
            id TEXT PRIMARY KEY, order_id TEXT NOT NULL, seq INTEGER NOT NULL, line_id TEXT NOT NULL,
            kind TEXT NOT NULL, at BIGINT NOT NULL, UNIQUE (order_id, seq));
        CREATE TABLE ledger_entries (
            posting_id TEXT NOT NULL REFERENCES ledger_postings (id), idx INTEGER NOT NULL,
            account TEXT NOT NULL, amount BIGINT NOT NULL, PRIMARY KEY (posting_id, idx));
        CREATE TABLE idempotency (
            caller TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status_code INTEGER NOT NULL,
            content_type TEXT, body {bytes} NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (caller, key));
        CREATE TABLE evidence_content (id TEXT PRIMARY KEY, content {bytes} NOT NULL);
        """,
        """
        -- An order's entries by their own index: a join through the postings let PostgreSQL, before
        -- it had statistics, scan every entry of every order on each load.
        ALTER TABLE ledger_entries ADD COLUMN order_id TEXT;
        UPDATE ledger_entries SET order_id = (SELECT p.order_id FROM ledger_postings p WHERE p.id = ledger_entries.posting_id);
        CREATE INDEX ledger_entries_order ON ledger_entries (order_id);
        """,
        """
        -- The web interface: one-time sign-in links the platform mints, and the keys that protect
        -- cookies and forms, shared so that every node reads what another wrote.
        CREATE TABLE sign_in_links (
            token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (id),
            expires_at BIGINT NOT NULL, used_at BIGINT);
        CREATE TABLE data_protection_keys (name TEXT PRIMARY KEY, xml TEXT NOT NULL);
        """,
        """
        -- The outbox: every event an order records, written in the transaction that saves the
        -- change, numbered within its order, and listed as waiting until it is fanned out (a small
        -- row to delete, rather than the event's own row to rewrite). Fanning out turns each into
        -- one delivery per webhook endpoint that wants it, e-mail, ...; a delivery goes out once
        -- the order's earlier ones have.
        CREATE TABLE events (
            id TEXT PRIMARY KEY, order_id TEXT NOT NULL, seq BIGINT NOT NULL, type TEXT NOT NULL,
            dispute_id TEXT, refund_id TEXT, payload TEXT NOT NULL, created_at BIGINT NOT NULL, UNIQUE (order_id, seq));
        CREATE TABLE events_waiting (event_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, seq BIGINT NOT NULL);
        CREATE INDEX events_waiting_order ON events_waiting (order_id, seq);
        CREATE TABLE webhook_endpoints (
            id TEXT PRIMARY KEY, url TEXT NOT NULL, event_types TEXT NOT NULL, description TEXT,
            secret TEXT NOT NULL, previous_secret TEXT, previous_secret_until BIGINT,
            enabled INTEGER NOT NULL, created_at BIGINT NOT NULL);
        CREATE TABLE webhook_deliveries (
            id TEXT PRIMARY KEY, endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id),
            event_id TEXT NOT NULL REFERENCES events (id), order_id TEXT NOT NULL, seq BIGINT NOT NULL,
            status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at BIGINT NOT NULL, lease_until BIGINT,
            created_at BIGINT NOT NULL, finished_at BIGINT);
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
        CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (endpoint_id, order_id, seq) WHERE status = 'pending';
        CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);
        CREATE TABLE webhook_attempts (
            delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id), attempt INTEGER NOT NULL, at BIGINT NOT NULL,
            status_code INTEGER, response TEXT, error TEXT, duration_ms BIGINT NOT NULL, PRIMARY KEY (delivery_id, attempt));
        -- Refunds by state, so that mediators find those that failed every attempt.
        CREATE TABLE refunds (
            id TEXT PRIMARY KEY, order_id TEXT NOT NULL, status TEXT NOT NULL, needs_attention INTEGER NOT NULL, updated_at BIGINT NOT NULL);
        CREATE INDEX refunds_attention ON refunds (needs_attention, updated_at);
        -- Demo and sandbox only: the refunds the built-in payment simulator is paying.
        CREATE TABLE simulated_refunds (
            event_id TEXT PRIMARY KEY, refund_id TEXT NOT NULL, order_id TEXT NOT NULL, state TEXT NOT NULL, complete_at BIGINT NOT NULL,
            declines INTEGER NOT NULL);
        CREATE INDEX simulated_refunds_due ON simulated_refunds (state, complete_at);
        -- E-mail to the parties, one per event and recipient; reminders only to those who want them.
        CREATE TABLE mail_messages (
            id TEXT PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events (id), account_id TEXT NOT NULL,
            status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at BIGINT NOT NULL, lease_until BIGINT,
            created_at BIGINT NOT NULL, finished_at BIGINT, error TEXT);
        CREATE INDEX mail_messages_due ON mail_messages (next_attempt_at) WHERE status = 'pending';
        ALTER TABLE accounts ADD COLUMN reminders_off INTEGER NOT NULL DEFAULT 0;
        """,
        """
        -- Idempotency records expire, oldest first by this index; a replay says which secrets it withheld.
        CREATE INDEX idempotency_created ON idempotency (created_at);
        ALTER TABLE idempotency ADD COLUMN withheld TEXT;
        """,
        """
        -- Web sessions on the server, so that signing out ends a session wherever its cookie went.
        CREATE TABLE web_sessions (
            id_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (id), created_at BIGINT NOT NULL, ended_at BIGINT);
        CREATE INDEX web_sessions_account ON web_sessions (account_id) WHERE ended_at IS NULL;
        """,
        """
        -- Evidence in chunks, so that an upload is written (and read) a piece at a time.
        CREATE TABLE evidence_chunks (id TEXT NOT NULL, idx INTEGER NOT NULL, bytes {bytes} NOT NULL, PRIMARY KEY (id, idx));
        """,
        """
        -- An account's region (ISO 3166 alpha-2), whose holidays its business-day deadlines skip.
        ALTER TABLE accounts ADD COLUMN region TEXT;
        """,
        """
        -- Chargebacks by state, so that mediators find those that pay what a sent refund pays too.
        CREATE TABLE chargebacks (
            id TEXT PRIMARY KEY, order_id TEXT NOT NULL, status TEXT NOT NULL, needs_attention INTEGER NOT NULL, updated_at BIGINT NOT NULL);
        CREATE INDEX chargebacks_attention ON chargebacks (needs_attention, updated_at);
        """,
        """
        -- What an account reads in: a language and a time zone it chose, and the zone its browser last reported.
        ALTER TABLE accounts ADD COLUMN language TEXT;
        ALTER TABLE accounts ADD COLUMN time_zone TEXT;
        ALTER TABLE accounts ADD COLUMN device_time_zone TEXT;
        """,
        """
        -- Lists that scale: an order's line titles to search and its next deadline to sort by, a
        -- dispute's stage with its mediator to filter by, each read a page at a time by its index.
        -- Rows written before these columns are filled in once by OrderStore.FillListColumnsAsync.
        ALTER TABLE orders ADD COLUMN titles TEXT;
        ALTER TABLE orders ADD COLUMN due_at BIGINT;
        ALTER TABLE disputes ADD COLUMN stage TEXT;
        CREATE INDEX orders_buyer_recent ON orders (buyer_id, updated_at, id);
        CREATE INDEX orders_seller_recent ON orders (seller_id, updated_at, id);
        CREATE INDEX orders_buyer_due ON orders (buyer_id, due_at, id);
        CREATE INDEX orders_seller_due ON orders (seller_id, due_at, id);
        CREATE INDEX orders_unfilled ON orders (id) WHERE titles IS NULL;
        CREATE INDEX disputes_seller ON disputes (seller_id, status, due_at);
        CREATE INDEX disputes_escalated ON disputes (escalated, status, due_at);
        """,
        """
        -- The mediator each dispute in mediation is assigned to: the queue's "assigned to me", each
        -- mediator's workload, and the disputes still waiting for one. No dispute was assigned before.
        ALTER TABLE disputes ADD COLUMN assignee TEXT;
        ALTER TABLE disputes ADD COLUMN assigned_at BIGINT;
        CREATE INDEX disputes_assignee ON disputes (assignee, status, due_at);
        CREATE INDEX disputes_unassigned ON disputes (due_at) WHERE status = 'Escalated' AND assignee IS NULL;
        """,
        """
        -- Forgetting on request, keeping the books. When each order finished (nothing on it open
        -- any more): an erasure waits for an account's orders to finish, and the retention policy
        -- erases the words of orders finished long enough ago. Orders saved before are filled in
        -- with the list columns, which this resets. Erased accounts, and each erasure's progress
        -- through the account's orders. Events, deliveries and e-mail by age and by event, to prune.
        ALTER TABLE orders ADD COLUMN finished_at BIGINT;
        CREATE INDEX orders_finished ON orders (finished_at, id) WHERE finished_at IS NOT NULL;
        UPDATE orders SET titles = NULL;
        ALTER TABLE accounts ADD COLUMN erased_at BIGINT;
        CREATE TABLE erasures (
            account_id TEXT PRIMARY KEY REFERENCES accounts (id), requested_at BIGINT NOT NULL, after_at BIGINT NOT NULL, after_id TEXT NOT NULL,
            orders_erased BIGINT NOT NULL, next_at BIGINT NOT NULL, completed_at BIGINT);
        CREATE INDEX erasures_pending ON erasures (next_at) WHERE completed_at IS NULL;
        CREATE INDEX events_created ON events (created_at);
        CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
        CREATE INDEX mail_messages_event ON mail_messages (event_id);
        """,
        """
        -- Fewer rows per command. A posting's entries move into its own row, a JSON array of
        -- [account, amount] pairs in their order ({entries_by_posting} is each backend's aggregate).
        -- A command's events wait for fan-out as one row, their first event and the range up to
        -- its last; the events already waiting are each a range of one.
        ALTER TABLE ledger_postings ADD COLUMN entries TEXT;
        CREATE TABLE posting_entries (posting_id TEXT PRIMARY KEY, entries TEXT NOT NULL);
        INSERT INTO posting_entries (posting_id, entries) {entries_by_posting};
        UPDATE ledger_postings SET entries = (SELECT p.entries FROM posting_entries p WHERE p.posting_id = ledger_postings.id);
        DROP TABLE posting_entries;
        DROP TABLE ledger_entries;
        ALTER TABLE events_waiting ADD COLUMN last_seq BIGINT;
        UPDATE events_waiting SET last_seq = seq;
        """,
        """
        -- Lists in the order of their indexes at any size. A list sorted by deadline sorts by the
        -- deadline or, without one, after every deadline (OrderLists.NoDeadline): the indexes hold
        -- that key and the id, so a page is read in index order, not sorted. A buyer's disputes get
        -- an index of their own. orders_buyer and orders_seller go: the indexes that lead with the
        -- same column serve their queries, and every saved order had to update them.
        DROP INDEX orders_buyer;
        DROP INDEX orders_seller;
        DROP INDEX orders_buyer_due;
        DROP INDEX orders_seller_due;
        CREATE INDEX orders_buyer_due ON orders (buyer_id, COALESCE(due_at, 9223372036854775807), id);
        CREATE INDEX orders_seller_due ON orders (seller_id, COALESCE(due_at, 9223372036854775807), id);
        DROP INDEX disputes_seller;
        DROP INDEX disputes_escalated;
        DROP INDEX disputes_assignee;
        CREATE INDEX disputes_buyer ON disputes (buyer_id, COALESCE(due_at, 9223372036854775807), id);
        CREATE INDEX disputes_seller ON disputes (seller_id, status, COALESCE(due_at, 9223372036854775807), id);
        CREATE INDEX disputes_escalated ON disputes (escalated, status, COALESCE(due_at, 9223372036854775807), id);
        CREATE INDEX disputes_assignee ON disputes (assignee, status, COALESCE(due_at, 9223372036854775807), id);
        """,
        """
        -- A smaller order document: each distinct policy is stored once, by a hash of its JSON, and
        -- an order names the one it was created under (StoredPolicies). A document written before
        -- keeps its policy inside until the order is next saved.
        CREATE TABLE policies (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
        ALTER TABLE orders ADD COLUMN policy_id TEXT;
        """,
        """
        -- The language an account's browser last asked for, apart from the one the account chose
        -- (language): it says the language of the account's e-mail until the account chooses one,
        -- and never the pages of another browser. A language noted before stays as if chosen.
        ALTER TABLE accounts ADD COLUMN browser_language TEXT;
        """,
        """
        -- On PostgreSQL a save is one batch, its document's UPDATE first: when the document changed
        -- since it was read, the UPDATE's guard raises this, so that nothing after it runs (SqlBatch).
        -- SQLite runs a batch's statements one by one and checks each in the node.
        {conflict_function}
        """,
        """
        -- An outbox row is keyed by its order and its first event alone: one b-tree to insert into
        -- and delete from per command on SQLite (WITHOUT ROWID), a table and its key on PostgreSQL,
        -- where there were three: the row, its event's id and its place in the order.
        CREATE TABLE events_waiting_keyed (
            order_id TEXT NOT NULL, seq BIGINT NOT NULL, last_seq BIGINT NOT NULL, PRIMARY KEY (order_id, seq)){without_rowid};
        INSERT INTO events_waiting_keyed (order_id, seq, last_seq) SELECT order_id, seq, last_seq FROM events_waiting;
        DROP TABLE events_waiting;
        ALTER TABLE events_waiting_keyed RENAME TO events_waiting;
        """,
        """
        -- One timer row per order, at its earliest deadline: all the timer engine looks for, since it
        -- fires every deadline due once it has the order. A command that moves a deadline rewrites one
        -- row where it deleted one and inserted another; an order's rows so far become one.
        CREATE TABLE order_timers (order_id TEXT NOT NULL PRIMARY KEY, due_at BIGINT NOT NULL){without_rowid};
        INSERT INTO order_timers (order_id, due_at) SELECT order_id, MIN(due_at) FROM timers GROUP BY order_id;
        DROP TABLE timers;
        ALTER TABLE order_timers RENAME TO timers;
        CREATE INDEX timers_due ON timers (due_at);
        """,
        """
        -- An order's disputes by their order: a party's orders filtered to those in dispute ask, for
        -- each order a page passes, whether one of its disputes is open (OrderLists.OrdersAsync).
        CREATE INDEX disputes_order ON disputes (order_id);
        """,
    ];

    // Declared after the migrations they read: static fields initialise in textual order.
    public static readonly string[] Sqlite = [.. Migrations.Select(m => m
        .Replace("{bytes}", "BLOB", StringComparison.Ordinal)
        .Replace("{conflict_function}", "SELECT 1;", StringComparison.Ordinal)
        .Replace("{without_rowid}", " WITHOUT ROWID", StringComparison.Ordinal)
        .Replace(
            "{entries_by_posting}",
            "SELECT posting_id, json_group_array(json_array(account, amount)) FROM (SELECT posting_id, account, amount FROM ledger_entries ORDER BY posting_id, idx) GROUP BY posting_id",
            StringComparison.Ordinal))];

    public static readonly string[] Postgres = [.. Migrations.Select(m => m
        .Replace("{bytes}", "BYTEA", StringComparison.Ordinal)
        .Replace("{without_rowid}", "", StringComparison.Ordinal)
        .Replace(
            "{conflict_function}",
            $"CREATE OR REPLACE FUNCTION arbiter_conflict() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'changed since it was read' USING ERRCODE = '{SqlBatch.ConflictState}'; END $$;",
            StringComparison.Ordinal)
        .Replace("{entries_by_posting}", "SELECT posting_id, json_agg(json_build_array(account, amount) ORDER BY idx)::text FROM ledger_entries GROUP BY posting_id", StringComparison.Ordinal))];
}
