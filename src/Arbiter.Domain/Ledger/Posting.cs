using Arbiter.Domain.Common;

namespace Arbiter.Domain.Ledger;

/// <summary>One side of a posting: an amount added to (positive) or taken from (negative) an account.</summary>
public sealed record LedgerEntry(string Account, long Amount);

/// <summary>A balanced movement of one order line's money; postings of an order are numbered from 1.</summary>
public sealed record Posting(OrderId OrderId, int Sequence, string LineId, PostingKind Kind, DateTimeOffset At, IReadOnlyList<LedgerEntry> Entries)
{
    public string Id => $"{OrderId}:{Sequence}";

    public bool IsBalanced => Entries.Sum(e => e.Amount) == 0;

    /// <summary>Moves <paramref name="amount"/> from one account to another.</summary>
    public static Posting Transfer(OrderId orderId, int sequence, string lineId, PostingKind kind, DateTimeOffset at, string from, string to, long amount) =>
        new(orderId, sequence, lineId, kind, at, [new LedgerEntry(from, -amount), new LedgerEntry(to, amount)]);
}
