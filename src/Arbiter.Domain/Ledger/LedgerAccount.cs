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
}

/// <summary>Why money moved.</summary>
public enum PostingKind
{
    Capture,
    Release,
    Refund,
    /// <summary>A refund after the seller was paid: it comes back from the seller's side.</summary>
    Clawback,
}
