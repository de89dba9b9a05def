using Arbiter.Domain.Common;

namespace Arbiter.Domain.Ledger;

/// <summary>
/// The double-entry books of one order. The order's escrow figures are read from here and
/// nowhere else; every posting must balance and no account that holds money may go negative.
/// Entries are minor units of the order's currency, as the books store them; the ledger speaks money.
/// </summary>
public sealed class OrderLedger
{
    private readonly List<Posting> _postings;
    private readonly List<Posting> _new = [];

    public OrderLedger(OrderId orderId, Currency currency, IEnumerable<Posting> postings)
    {
        OrderId = orderId;
        Currency = currency;
        _postings = [.. postings];
    }

    public OrderId OrderId { get; }

    public Currency Currency { get; }

    public IReadOnlyList<Posting> Postings => _postings;

    /// <summary>Postings made since the ledger was loaded, for the store to append.</summary>
    public IReadOnlyList<Posting> NewPostings => _new;

    public Money Balance(string account, string? lineId = null) => new(
        _postings.Where(p => lineId is null || p.LineId == lineId)
            .SelectMany(p => p.Entries)
            .Where(e => e.Account == account)
            .Sum(e => e.Amount),
        Currency);

    public Money Held(string? lineId = null) => Balance(LedgerAccount.Escrow, lineId);

    public Money Released(string? lineId = null) => Balance(LedgerAccount.Seller, lineId);

    public Money Refunded(string? lineId = null) => Balance(LedgerAccount.BuyerRefund, lineId);

    public Money Captured(string? lineId = null) => -Balance(LedgerAccount.BuyerPayment, lineId);

    public void Capture(string lineId, Money amount, DateTimeOffset at) =>
        Post(PostingKind.Capture, lineId, LedgerAccount.BuyerPayment, LedgerAccount.Escrow, amount, at);

    public void Release(string lineId, Money amount, DateTimeOffset at) =>
        Post(PostingKind.Release, lineId, LedgerAccount.Escrow, LedgerAccount.Seller, amount, at);

    /// <summary>Refunds from escrow while it still holds the line's money, else from the seller's side.</summary>
    public void Refund(string lineId, Money amount, DateTimeOffset at)
    {
        var fromEscrow = Money.Min(amount, Held(lineId));
        if (fromEscrow.IsPositive)
        {
            Post(PostingKind.Refund, lineId, LedgerAccount.Escrow, LedgerAccount.BuyerRefund, fromEscrow, at);
        }

        if (amount > fromEscrow)
        {
            Post(PostingKind.Clawback, lineId, LedgerAccount.Seller, LedgerAccount.BuyerRefund, amount - fromEscrow, at);
        }
    }

    private void Post(PostingKind kind, string lineId, string from, string to, Money amount, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount.In(Currency).Minor);
        var posting = Posting.Transfer(OrderId, _postings.Count + 1, lineId, kind, at, from, to, amount.Minor);
        if (Balance(from, lineId) < amount && from != LedgerAccount.BuyerPayment)
        {
            throw new InvalidOperationException($"Posting {posting.Id} would take {from} of line {lineId} below zero.");
        }

        _postings.Add(posting);
        _new.Add(posting);
    }
}
