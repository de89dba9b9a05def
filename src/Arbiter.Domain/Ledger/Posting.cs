namespace Arbiter.Domain.Ledger;

/// <summary>One side of a posting: an amount added to (positive) or taken from (negative) an account.</summary>
public sealed record LedgerEntry(string Account, long Amount);

/// <summary>A balanced movement of one order line's money.</summary>
public sealed record Posting(string Id, string OrderId, string LineId, PostingKind Kind, DateTimeOffset At, IReadOnlyList<LedgerEntry> Entries)
{
    public bool IsBalanced => Entries.Sum(e => e.Amount) == 0;

    /// <summary>Moves <paramref name="amount"/> from one account to another.</summary>
    public static Posting Transfer(string id, string orderId, string lineId, PostingKind kind, DateTimeOffset at, string from, string to, long amount) =>
        new(id, orderId, lineId, kind, at, [new LedgerEntry(from, -amount), new LedgerEntry(to, amount)]);
}
