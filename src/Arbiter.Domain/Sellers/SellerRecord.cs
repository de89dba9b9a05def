using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;

namespace Arbiter.Domain.Sellers;

/// <summary>
/// How a seller's buyers fared over a window, computed from the orders' own histories (never
/// kept beside them, so it cannot drift): how often their orders were disputed, how often a
/// dispute went to a mediator, how often a mediator ruled against the seller, and how fast the
/// seller first answered a dispute. The seeds tell buyers to judge a seller by exactly this.
/// </summary>
/// <param name="SellerId">The seller.</param>
/// <param name="WindowDays">How far back the record looks.</param>
/// <param name="Orders">The seller's orders created within the window.</param>
/// <param name="DisputedOrders">Those of them with a dispute.</param>
/// <param name="Disputes">Disputes opened on those orders.</param>
/// <param name="Escalations">Disputes that went to a mediator.</param>
/// <param name="RulingsAgainst">Disputes a mediator decided with a refund to the buyer.</param>
/// <param name="MedianResponseHours">Median hours from a dispute's opening to the seller's first answer; null when none answered.</param>
public sealed record SellerRecord(string SellerId, int WindowDays, int Orders, int DisputedOrders, int Disputes, int Escalations, int RulingsAgainst, double? MedianResponseHours)
{
    /// <summary>Share of orders with a dispute.</summary>
    public double DisputeRate => Orders == 0 ? 0 : (double)DisputedOrders / Orders;

    /// <summary>Share of disputes that went to a mediator.</summary>
    public double EscalationRate => Disputes == 0 ? 0 : (double)Escalations / Disputes;

    /// <summary>What the seller's first answers to a dispute are: accepting, rejecting, offering, escalating.</summary>
    private static readonly HistoryAction[] Answers = [HistoryAction.ClaimAccepted, HistoryAction.Rejected, HistoryAction.OfferMade, HistoryAction.Escalated];

    /// <summary>The platform sees every record, buyers see any (to judge a seller before and after they buy), a seller sees its own.</summary>
    public static bool MaySee(Actor actor, string sellerId) => actor.Role switch
    {
        Role.Platform or Role.Buyer => true,
        Role.Seller => actor.Id == sellerId,
        _ => false,
    };

    /// <param name="sellerId">The seller.</param>
    /// <param name="orders">The seller's orders (any; those created outside the window are left out).</param>
    /// <param name="window">How far back to look.</param>
    /// <param name="now">The end of the window.</param>
    public static SellerRecord Of(string sellerId, IEnumerable<Order> orders, TimeSpan window, DateTimeOffset now)
    {
        var inWindow = orders.Where(o => o.SellerId == sellerId && o.CreatedAt > now - window && o.CreatedAt <= now).ToList();
        var disputes = inWindow.SelectMany(o => o.Disputes).ToList();
        var responses = disputes
            .Select(d => d.History.FirstOrDefault(h => h.Actor == $"seller:{sellerId}" && Answers.Contains(h.Action)) is { } answer ? (answer.At - d.OpenedAt).TotalHours : (double?)null)
            .OfType<double>()
            .Order()
            .ToList();
        return new SellerRecord(
            sellerId,
            (int)window.TotalDays,
            inWindow.Count,
            inWindow.Count(o => o.Disputes.Count > 0),
            disputes.Count,
            disputes.Count(d => d.Escalation is not null),
            disputes.Count(d => d.Outcome is { DecidedBy: DecidedBy.Mediator, RefundAmount.IsPositive: true }),
            Median(responses));
    }

    private static double? Median(List<double> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[(n / 2) - 1] + sorted[n / 2]) / 2,
    };
}
