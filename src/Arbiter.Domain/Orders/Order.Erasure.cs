using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;

namespace Arbiter.Domain.Orders;

/// <summary>
/// Forgetting what people wrote, keeping the books: once an order is finished, a party's words
/// (claims, messages, answers, notes, evidence) can be erased from it, on their request or by the
/// retention policy. Amounts, outcomes, the ledger and the shape of the history stay.
/// </summary>
public sealed partial class Order
{
    /// <summary>
    /// When the order finished: nothing on it is open any more (no dispute, refund, chargeback or
    /// request for more time, and no window in which the buyer may still open a dispute), as of the
    /// last of those to end. Null while anything is open.
    /// </summary>
    public DateTimeOffset? FinishedAt
    {
        get
        {
            if (Status is not (OrderStatus.Completed or OrderStatus.Closed)
                || HasOpenDispute
                || RefundList.Any(r => r.Status is RefundStatus.Pending or RefundStatus.Sent or RefundStatus.Failed)
                || ChargebackList.Any(c => c.Status == ChargebackStatus.Open)
                || ExtensionRequestList.Any(r => r.Status == ExtensionRequestStatus.Pending))
            {
                return null;
            }

            DateTimeOffset?[] ends =
            [
                CompletedAt, ClosedAt, ReceiptConfirmedAt + Policy.PostCompletionDisputeWindow,
                .. DisputeList.Select(d => d.FinishedAt), .. RefundList.Select(r => r.UpdatedAt ?? r.CreatedAt), .. ChargebackList.Select(c => c.ClosedAt),
            ];
            return ends.Max();
        }
    }

    /// <summary>Whether <paramref name="party"/>'s words were erased from this order.</summary>
    public bool IsErased(Party party) => ErasureList.Exists(e => e.Party == party);

    /// <summary>
    /// Erases what <paramref name="party"/> wrote into the order and its disputes: its claims' and
    /// notes' words, its messages and answers, its appeals, the names of the files it uploaded (whose
    /// ids it returns, for the store to delete their bytes), and, for the seller, the return address.
    /// Refused while the order is not finished: a running dispute still needs them.
    /// </summary>
    public Result<IReadOnlyList<string>> EraseWordsOf(Party party, DateTimeOffset now)
    {
        if (FinishedAt is not { } finishedAt || finishedAt > now)
        {
            return DomainError.Conflict(ErrorCode.OrderNotFinished, $"Order {Id} is not finished: what its parties wrote is kept until it is.");
        }

        var accountId = party == Party.Buyer ? BuyerId : SellerId;
        var author = ActorOf(party).ToString();
        var files = EvidenceList.Where(f => f.UploadedBy == accountId && f.ErasedAt is null).Select(f => f.Id).ToList();
        EvidenceList = [.. EvidenceList.Select(f => files.Contains(f.Id) ? f with { FileName = "", ErasedAt = now } : f)];
        HistoryList = [.. HistoryList.Select(e => Erased(e, author))];
        if (party == Party.Seller)
        {
            ReturnAddress = null;
        }

        // The buyer asks for more protection, the seller for more processing time.
        var asked = party == Party.Buyer ? ExtensionKind.Protection : ExtensionKind.Processing;
        ExtensionRequestList = [.. ExtensionRequestList.Select(r => r.Kind == asked ? r with { Reason = null } : r)];
        foreach (var dispute in DisputeList)
        {
            dispute.EraseWordsOf(party, author);
        }

        if (!IsErased(party))
        {
            ErasureList.Add(new Erasure(party, now));
        }

        return files;
    }

    /// <summary>A party's account as the history and the events record it (<c>buyer:b1</c>).</summary>
    public Actor ActorOf(Party party) => party == Party.Buyer ? new Actor(Role.Buyer, BuyerId) : new Actor(Role.Seller, SellerId);

    /// <summary>A history entry without its author's words, where its details were theirs.</summary>
    internal static HistoryEntry Erased(HistoryEntry entry, string author) =>
        entry.Actor == author && entry.Details is not null && HistoryActions.InAuthorsWords(entry.Action) ? entry with { Details = null } : entry;
}

/// <summary>A party whose words were erased from an order, and when.</summary>
public sealed record Erasure(Party Party, DateTimeOffset At);
