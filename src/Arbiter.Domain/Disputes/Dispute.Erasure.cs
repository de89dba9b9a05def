using Arbiter.Domain.Orders;

namespace Arbiter.Domain.Disputes;

public sealed partial class Dispute
{
    /// <summary>Erases what <paramref name="party"/> (recorded as <paramref name="author"/>) wrote into this dispute; see <see cref="Order.EraseWordsOf"/>.</summary>
    internal void EraseWordsOf(Party party, string author)
    {
        if (party == Party.Buyer)
        {
            Claim = Claim with { Description = "" };
        }
        else
        {
            OfferList = [.. OfferList.Select(o => o with { Note = null })];
            if (Outcome is { DecidedBy: DecidedBy.BuyerAcceptedOffer })
            {
                // An accepted offer's note became the outcome's: it is the seller's words.
                Outcome = Outcome with { Note = null };
            }
        }

        MessageList = [.. MessageList.Select(m => m.Author == author ? m with { Text = "" } : m)];
        if (Appeal?.By == party)
        {
            Appeal = Appeal with { Reason = "" };
        }

        if (Escalation is { } escalation)
        {
            Escalation = escalation with
            {
                Note = escalation.By == author ? null : escalation.Note,
                InfoRequests = [.. escalation.InfoRequests.Select(r => r with { Answers = [.. r.Answers.Select(a => a.Party == party ? a with { Text = "" } : a)] })],
            };
        }

        HistoryList = [.. HistoryList.Select(e => Order.Erased(e, author))];
    }
}
