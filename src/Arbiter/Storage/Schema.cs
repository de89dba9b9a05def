namespace Arbiter.Storage;

/// <summary>The tables, applied in order; <c>PRAGMA user_version</c> records how far a database got.</summary>
internal static class Schema
{
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE accounts (
            id TEXT PRIMARY KEY, role TEXT NOT NULL, display_name TEXT NOT NULL, email TEXT,
            token_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
        CREATE TABLE orders (
            id TEXT PRIMARY KEY, buyer_id TEXT NOT NULL, seller_id TEXT NOT NULL, status TEXT NOT NULL,
            version INTEGER NOT NULL, doc TEXT NOT NULL, updated_at INTEGER NOT NULL);
        CREATE INDEX orders_buyer ON orders (buyer_id);
        CREATE INDEX orders_seller ON orders (seller_id);
        CREATE TABLE disputes (
            id TEXT PRIMARY KEY, order_id TEXT NOT NULL, buyer_id TEXT NOT NULL, seller_id TEXT NOT NULL,
            status TEXT NOT NULL, escalated INTEGER NOT NULL, due_at INTEGER, opened_at INTEGER NOT NULL);
        CREATE INDEX disputes_status ON disputes (status, due_at);
        CREATE TABLE timers (
            order_id TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, due_at INTEGER NOT NULL,
            PRIMARY KEY (order_id, key));
        CREATE INDEX timers_due ON timers (due_at);
        CREATE TABLE ledger_postings (
            id TEXT PRIMARY KEY, order_id TEXT NOT NULL, line_id TEXT NOT NULL, kind TEXT NOT NULL, at INTEGER NOT NULL);
        CREATE INDEX ledger_postings_order ON ledger_postings (order_id);
        CREATE TABLE ledger_entries (
            posting_id TEXT NOT NULL REFERENCES ledger_postings (id), account TEXT NOT NULL, amount INTEGER NOT NULL);
        CREATE INDEX ledger_entries_posting ON ledger_entries (posting_id);
        CREATE TABLE idempotency (
            caller TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status_code INTEGER NOT NULL,
            content_type TEXT, body BLOB NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (caller, key));
        """,
    ];
}
