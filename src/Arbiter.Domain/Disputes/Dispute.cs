using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;

namespace Arbiter.Domain.Disputes;

/// <summary>
/// A buyer's dispute about one order line, from opening to the money moving. Every command
/// checks <see cref="Guard"/> first and changes nothing when it fails; every change is in
/// <see cref="History"/>.
/// </summary>
public sealed partial class Dispute
{
    [JsonConstructor]
    private Dispute()
    {
    }

    [JsonInclude] public string Id { get; private set; } = "";
    [JsonInclude] public string LineId { get; private set; } = "";
    [JsonInclude] public DisputeStatus Status { get; private set; }
    [JsonInclude] public DateTimeOffset OpenedAt { get; private set; }
    [JsonInclude] public Claim Claim { get; private set; } = null!;
    [JsonInclude] public DateTimeOffset SellerResponseDueAt { get; private set; }
    [JsonInclude] public DateTimeOffset? NegotiationEndsAt { get; private set; }
    [JsonInclude] public Escalation? Escalation { get; private set; }
    [JsonInclude] public Outcome? Outcome { get; private set; }
    [JsonInclude] public DateTimeOffset? AppealDeadline { get; private set; }
    [JsonInclude] public Appeal? Appeal { get; private set; }
    [JsonInclude] public ReturnInfo? Return { get; private set; }

    /// <summary>The seller's promise the buyer accepted, kept after it ends as what was promised.</summary>
    [JsonInclude] public Promise? Promise { get; private set; }
    [JsonInclude] public bool Settled { get; private set; }
    [JsonInclude] public DateTimeOffset? FinishedAt { get; private set; }

    [JsonInclude, JsonPropertyName("offers")] private List<Offer> OfferList { get; set; } = [];
    [JsonInclude, JsonPropertyName("messages")] private List<Message> MessageList { get; set; } = [];
    [JsonInclude, JsonPropertyName("history")] private List<HistoryEntry> HistoryList { get; set; } = [];

    /// <summary>The deadlines a reminder went out for, each as <c>key@due</c>: one reminder per deadline.</summary>
    [JsonInclude, JsonPropertyName("remindersSent")] private List<string> RemindersSent { get; set; } = [];

    [JsonIgnore] public IReadOnlyList<Offer> Offers => OfferList;

    [JsonIgnore] public IReadOnlyList<Message> Messages => MessageList;

    [JsonIgnore] public IReadOnlyList<HistoryEntry> History => HistoryList;

    /// <summary>The order this dispute belongs to; set when the order is created or loaded.</summary>
    [JsonIgnore] internal Order Order { get; set; } = null!;

    public OrderId OrderId => Order.Id;

    /// <summary>Finished: cancelled, or resolved with the money moved. Until then the order's money is held.</summary>
    public bool IsFinished => Status == DisputeStatus.Cancelled || (Status == DisputeStatus.Resolved && Settled);

    public Offer? PendingOffer => OfferList.Find(o => o.Status == OfferStatus.Pending);

    /// <summary>The mediation's sub-status, from the questions still waiting for an answer.</summary>
    public EscalationStatus? EscalationStatus => Status != DisputeStatus.Escalated || Escalation is null
        ? null
        : (Escalation.Awaits(Party.Buyer), Escalation.Awaits(Party.Seller)) switch
        {
            (true, true) => Disputes.EscalationStatus.WaitingForBoth,
            (true, false) => Disputes.EscalationStatus.WaitingForBuyer,
            (false, true) => Disputes.EscalationStatus.WaitingForSeller,
            _ => Disputes.EscalationStatus.UnderReview,
        };

    private Policy Policy => Order.Policy;

    /// <summary>Joins the dispute to its loaded order, its amounts taking the order's currency.</summary>
    internal void Attach(Order order)
    {
        Order = order;
        Claim = Claim.In(order.Currency);
        Outcome = Outcome?.In(order.Currency);
        OfferList = [.. OfferList.Select(o => o.In(order.Currency))];
    }

    internal static Dispute Open(Order order, string id, string lineId, Claim claim, Actor buyer, DateTimeOffset now)
    {
        var dispute = new Dispute
        {
            Order = order,
            Id = id,
            LineId = lineId,
            Status = DisputeStatus.AwaitingSellerResponse,
            OpenedAt = now,
            Claim = claim,
            SellerResponseDueAt = now + order.Policy.SellerResponse,
        };
        dispute.Record(now, buyer, HistoryAction.Opened, Describe(claim));
        return dispute;
    }

    // Worded once per action and status: a view asks the guard about every action, and most refuse.
    private static readonly ConcurrentDictionary<(DisputeAction Action, DisputeStatus Status), DomainError> NotWhile = new();

    /// <summary>Why <paramref name="actor"/> may not take <paramref name="action"/> now, if they may not.</summary>
    public Result Guard(DisputeAction action, Actor actor, DateTimeOffset now)
    {
        if (!Order.IsKnownTo(actor))
        {
            return Orders.Order.NotFound;
        }

        if (!DisputeRules.EverAllows(action, actor.Role))
        {
            return Orders.Order.Forbidden(actor, Words.Of(action));
        }

        if (action == DisputeAction.Escalate && actor.Role == Role.Buyer && Status == DisputeStatus.AwaitingSellerResponse)
        {
            return DomainError.Conflict(ErrorCode.SellerHasNotResponded, "The buyer can escalate once the seller has responded (or failed to).");
        }

        if (!DisputeRules.Allows(Status, action, actor.Role))
        {
            return NotWhile.GetOrAdd((action, Status), static key =>
                DomainError.Conflict(ErrorCode.InvalidState, $"Cannot {Words.Of(key.Action).Replace('_', ' ')} while the dispute is {Words.Of(key.Status).Replace('_', ' ')}."));
        }

        return action switch
        {
            DisputeAction.AcceptOffer or DisputeAction.DeclineOffer when PendingOffer is null =>
                DomainError.Conflict(ErrorCode.NoPendingOffer, "There is no pending offer."),
            DisputeAction.Take when Escalation?.Assignee == actor.Id =>
                DomainError.Conflict(ErrorCode.AlreadyAssigned, "This dispute is already assigned to you."),
            DisputeAction.AnswerInfoRequest when Escalation?.Awaits(PartyOf(actor)) != true =>
                DomainError.Conflict(ErrorCode.NoOpenInfoRequest, "No question is waiting for your answer."),
            DisputeAction.SendMessage when actor.Role == Role.Mediator && Escalation is null =>
                DomainError.Conflict(ErrorCode.InvalidState, "A mediator joins the conversation once the dispute is escalated."),
            DisputeAction.Appeal when Outcome?.DecidedBy != DecidedBy.Mediator || Appeal is not null || AppealDeadline is null =>
                DomainError.Conflict(ErrorCode.NotAppealable, "Only a mediator's first decision can be appealed, once."),
            DisputeAction.Appeal when now >= AppealDeadline =>
                DomainError.Conflict(ErrorCode.DeadlinePassed, "The appeal window has closed."),
            _ => Result.Ok,
        };
    }

    /// <summary>What <paramref name="actor"/> may do now, so that a client never guesses.</summary>
    public IEnumerable<DisputeAction> AllowedActions(Actor actor, DateTimeOffset now) =>
        Enum.GetValues<DisputeAction>().Where(a => Guard(a, actor, now).IsSuccess);

    /// <summary>The deadline the parties are racing against now, as shown on the dispute.</summary>
    public Deadline? CurrentDeadline => Running().Where(d => d.Kind != DeadlineKind.AppealWindow).MinBy(d => d.DueAt)
        ?? Running().FirstOrDefault();

    internal void Record(DateTimeOffset at, Actor actor, HistoryAction action, string? details = null)
    {
        var entry = new HistoryEntry(at, actor.ToString(), action, details);
        HistoryList.Add(entry);
        Order.Recorded(entry, Id);
    }

    internal static Party PartyOf(Actor actor) => actor.Role == Role.Seller ? Party.Seller : Party.Buyer;

    private static string Describe(Claim claim) =>
        $"{(claim.Received ? "received" : "not received")}, {claim.Reason}, {Words.Of(claim.Solution)} {claim.Amount}";
}
