namespace Arbiter.Domain.Ledger;

/// <summary>The accounts every order's money moves between.</summary>
public static class LedgerAccount
{
    /// <summary>The buyer's payment method: money comes from here when captured.</summary>
    public const string BuyerPayment = "buyer_payment";

    /// <summary>Money the platform holds for the order.</summary>
    public const string Escrow = "escrow";

    /// <summary>Money owed (paid out) to the seller.</summary>
    public const string Seller = "seller";

    /// <summary>Money owed (paid back) to the buyer's payment method.</summary>
    public const string BuyerRefund = "buyer_refund";

    /// <summary>Money the buyer's bank took back (a chargeback) while the bank decides, and for good if the merchant loses.</summary>
    public const string Chargeback = "chargeback";
}

/// <summary>Why money moved.</summary>
public enum PostingKind
{
    Capture,
    Release,
    Refund,
    /// <summary>A refund after the seller was paid: it comes back from the seller's side.</summary>
    Clawback,

    /// <summary>A refund not yet sent is withdrawn when a chargeback arrives: its money goes back to escrow.</summary>
    RefundWithdrawn,

    /// <summary>The buyer's bank takes money back: from escrow while it holds the line's money.</summary>
    Chargeback,

    /// <summary>The rest of a chargeback, after the seller was paid: it comes back from the seller's side.</summary>
    ChargebackClawback,

    /// <summary>The merchant won at the bank: what the chargeback took comes back to escrow.</summary>
    ChargebackReversed,
}
