using Arbiter.Domain.Common;

namespace Arbiter.Domain.Orders;

/// <summary>How a chargeback stands: <c>open</c> (the bank is deciding), <c>won</c> (the merchant won: the money came back) or <c>lost</c> (the buyer keeps it).</summary>
public enum ChargebackStatus
{
    /// <summary>The bank is deciding; it holds the money it took.</summary>
    Open,

    /// <summary>The merchant won at the bank: the money came back.</summary>
    Won,

    /// <summary>The merchant lost at the bank: the buyer keeps the money.</summary>
    Lost,
}

/// <summary>What the bank took of one line's money.</summary>
public sealed record ChargebackShare(string LineId, Money Amount)
{
    internal ChargebackShare In(Currency currency) => this with { Amount = Amount.In(currency) };
}

/// <summary>How much of a withdrawn refund the chargeback pays instead; the rest went out again as a new refund.</summary>
public sealed record ReplacedRefund(string RefundId, Money Amount)
{
    internal ReplacedRefund In(Currency currency) => this with { Amount = Amount.In(currency) };
}

/// <summary>
/// The buyer asked their bank to reverse the payment, and the platform reported it. The bank took
/// <see cref="Booked"/> of the order's money, shared out over its lines. <see cref="Overlap"/> is
/// the part of the bank's <see cref="Amount"/> that refunds already sent (<see cref="RefundsAlreadySent"/>)
/// pay too: unless the merchant contests it, the buyer is paid that twice, so a mediator must see it.
/// </summary>
public sealed record Chargeback(string Id, Money Amount, string Reason, string? Reference, ChargebackStatus Status, DateTimeOffset At)
{
    public IReadOnlyList<ChargebackShare> Shares { get; init; } = [];

    public IReadOnlyList<ReplacedRefund> Replaced { get; init; } = [];

    public IReadOnlyList<string> RefundsAlreadySent { get; init; } = [];

    public Money Overlap { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>What the books moved to the bank: the amount less what sent refunds already pay.</summary>
    public Money Booked => Amount - Overlap;

    /// <summary>Whether the bank keeps (or holds) the money: the chargeback is open or lost.</summary>
    public bool Holds => Status != ChargebackStatus.Won;

    /// <summary>Open while a sent refund pays the same money: the merchant should contest it with the refund's reference.</summary>
    public bool NeedsAttention => Status == ChargebackStatus.Open && Overlap.IsPositive;

    internal Chargeback In(Currency currency) => this with
    {
        Amount = Amount.In(currency),
        Overlap = Overlap.In(currency),
        Shares = [.. Shares.Select(s => s.In(currency))],
        Replaced = [.. Replaced.Select(r => r.In(currency))],
    };
}
