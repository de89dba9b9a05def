using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;

namespace Arbiter.Api;

/// <summary>The authenticated caller of a request: the platform or an account.</summary>
internal sealed record Caller(Role Role, string? AccountId)
{
    public Actor Actor => new(Role, AccountId);

    public string Key => AccountId ?? "platform";

    /// <summary>Parties see their own orders; mediators see orders with a dispute in mediation, a refund that failed every attempt or a chargeback that may pay the buyer twice.</summary>
    public bool CanSee(Order order) => Role switch
    {
        Role.Platform => true,
        Role.Buyer => order.BuyerId == AccountId,
        Role.Seller => order.SellerId == AccountId,
        Role.Mediator => order.Disputes.Any(d => d.Escalation is not null) || order.Refunds.Any(r => r.NeedsAttention) || order.Chargebacks.Any(c => c.NeedsAttention),
        _ => false,
    };

    public bool CanSee(Order order, Dispute dispute) => Role == Role.Mediator ? dispute.Escalation is not null : CanSee(order);
}

internal static class CallerExtensions
{
    private const string Key = "arbiter.caller";

    public static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;

    public static Caller Caller(this HttpContext context) => (Caller)context.Items[Key]!;

    /// <summary>The API's caller, or null before authentication or outside the API.</summary>
    public static Caller? FindCaller(this HttpContext context) => context.Items[Key] as Caller;
}
