using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Sellers;
using Arbiter.Storage;

namespace Arbiter.Api;

internal static class SellersApi
{
    public static void MapSellers(this IEndpointRouteBuilder api) =>
        api.MapGet("/sellers/{id}/metrics", MetricsAsync).Answers<SellerMetricsView>().WithTags("Sellers")
            .WithSummary("A seller's record over the policy's window, computed from the history: dispute, escalation and ruled-against rates, median first answer (platform, buyers, the seller itself)");

    private static async Task<IResult> MetricsAsync(HttpContext http, AccountStore accounts, SellerRecords records, string id)
    {
        var caller = http.Caller();
        if (!SellerRecord.MaySee(caller.Actor, id))
        {
            return Problems.From(Endpoint.Forbidden(caller));
        }

        if (!Ids.IsValid(id) || await accounts.FindAsync(id, http.RequestAborted) is not { Role: Role.Seller })
        {
            return Problems.From(DomainError.NotFound(ErrorCode.NotFound, "No such seller."));
        }

        return Results.Ok(SellerMetricsView.Of(await records.OfAsync(id, http.RequestAborted)));
    }
}

/// <summary>A seller's record over the policy's window; rates are shares between 0 and 1.</summary>
/// <param name="SellerId">The seller's account id.</param>
/// <param name="WindowDays">How many days back the record counts (90 by default).</param>
/// <param name="Orders">Orders in the window.</param>
/// <param name="Disputes">Disputes opened on them.</param>
/// <param name="DisputeRate">Disputed orders per order.</param>
/// <param name="Escalations">Disputes taken to mediation.</param>
/// <param name="EscalationRate">Escalations per dispute.</param>
/// <param name="RulingsAgainst">Mediators' decisions that refunded the buyer.</param>
/// <param name="MedianResponseHours">The median time to the seller's first answer to a dispute, in hours; null with no answer yet.</param>
/// <param name="DisputedOrders">Orders with at least one dispute.</param>
internal sealed record SellerMetricsView(
    string SellerId, int WindowDays, int Orders, int Disputes, double DisputeRate, int Escalations, double EscalationRate, int RulingsAgainst, double? MedianResponseHours, int DisputedOrders)
{
    public static SellerMetricsView Of(SellerRecord r) => new(
        r.SellerId, r.WindowDays, r.Orders, r.Disputes, Math.Round(r.DisputeRate, 4), r.Escalations, Math.Round(r.EscalationRate, 4), r.RulingsAgainst,
        r.MedianResponseHours is { } hours ? Math.Round(hours, 1) : null, r.DisputedOrders);
}
