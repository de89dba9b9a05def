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

    /// <summary>Postings made since the ledger was loaded or last saved, for the store to append.</summary>
    public IReadOnlyList<Posting> NewPostings => _new;

    /// <summary>The store appended the new postings: the next save appends only what follows.</summary>
    public void AcceptChanges() => _new.Clear();

    /// <remarks>A loop, not a query: views and guards ask for balances many times a request.</remarks>
    public Money Balance(string account, string? lineId = null)
    {
        long sum = 0;
        foreach (var posting in _postings)
        {
            if (lineId is not null && posting.LineId != lineId)
            {
                continue;
            }

            var entries = posting.Entries;
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i].Account == account)
                {
                    sum = checked(sum + entries[i].Amount);
                }
            }
        }

        return new(sum, Currency);
    }

    public Money Held(string? lineId = null) => Balance(LedgerAccount.Escrow, lineId);

    public Money Released(string? lineId = null) => Balance(LedgerAccount.Seller, lineId);

    public Money Refunded(string? lineId = null) => Balance(LedgerAccount.BuyerRefund, lineId);

    public Money Captured(string? lineId = null) => -Balance(LedgerAccount.BuyerPayment, lineId);

    /// <summary>What the buyer's bank holds of the order's money: open chargebacks, and lost ones for good.</summary>
    public Money ChargedBack(string? lineId = null) => Balance(LedgerAccount.Chargeback, lineId);

    public void Capture(string lineId, Money amount, DateTimeOffset at) =>
        Post(PostingKind.Capture, lineId, LedgerAccount.BuyerPayment, LedgerAccount.Escrow, amount, at);

    public void Release(string lineId, Money amount, DateTimeOffset at) =>
        Post(PostingKind.Release, lineId, LedgerAccount.Escrow, LedgerAccount.Seller, amount, at);

    /// <summary>Refunds from escrow while it still holds the line's money, else from the seller's side.</summary>
    public void Refund(string lineId, Money amount, DateTimeOffset at) =>
        TakeBack(lineId, amount, at, LedgerAccount.BuyerRefund, PostingKind.Refund, PostingKind.Clawback);

    /// <summary>A refund not yet sent goes back to escrow, which it came out of (or which stands in for the seller's side).</summary>
    public void WithdrawRefund(string lineId, Money amount, DateTimeOffset at) =>
        Post(PostingKind.RefundWithdrawn, lineId, LedgerAccount.BuyerRefund, LedgerAccount.Escrow, amount, at);

    /// <summary>The bank takes money back: from escrow while it holds the line's money, else from the seller's side.</summary>
    public void ChargeBack(string lineId, Money amount, DateTimeOffset at) =>
        TakeBack(lineId, amount, at, LedgerAccount.Chargeback, PostingKind.Chargeback, PostingKind.ChargebackClawback);

    /// <summary>The merchant won at the bank: the money comes back to escrow, to go where the order sends it.</summary>
    public void ReverseChargeback(string lineId, Money amount, DateTimeOffset at) =>
        Post(PostingKind.ChargebackReversed, lineId, LedgerAccount.Chargeback, LedgerAccount.Escrow, amount, at);

    /// <summary>Moves money back towards the buyer: out of escrow while it holds the line's money, the rest from what the seller was paid.</summary>
    private void TakeBack(string lineId, Money amount, DateTimeOffset at, string to, PostingKind fromEscrow, PostingKind fromSeller)
    {
        var held = Money.Min(amount, Held(lineId));
        if (held.IsPositive)
        {
            Post(fromEscrow, lineId, LedgerAccount.Escrow, to, held, at);
        }

        if (amount > held)
        {
            Post(fromSeller, lineId, LedgerAccount.Seller, to, amount - held, at);
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
