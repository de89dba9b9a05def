using System.Text.Json.Serialization;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Ledger;

namespace Arbiter.Domain.Orders;

/// <summary>
/// An order and everything that can happen to its money: escrow, shipment, buyer protection,
/// and the disputes on its lines. It is the unit of consistency: commands and timers on the
/// order or any of its disputes serialize on it.
/// </summary>
public sealed partial class Order : IJsonOnDeserialized
{
    private readonly List<RecordedEvent> _newEvents = [];

    [JsonConstructor]
    private Order()
    {
    }

    [JsonInclude] public OrderId Id { get; private set; }
    [JsonInclude] public string BuyerId { get; private set; } = "";
    [JsonInclude] public string SellerId { get; private set; } = "";

    /// <summary>The buyer's region when the order was made, whose holidays the buyer's business days skip.</summary>
    [JsonInclude] public string? BuyerRegion { get; private set; }

    /// <summary>The seller's region when the order was made, whose holidays the seller's business days skip.</summary>
    [JsonInclude] public string? SellerRegion { get; private set; }
    [JsonInclude] public Currency Currency { get; private set; }
    [JsonInclude] public Payment Payment { get; private set; } = new("", "");
    [JsonInclude] public string ShippingMethod { get; private set; } = "";

    /// <summary>Where an item goes back to when a dispute needs its return, as the platform gave it (free text, lines and all).</summary>
    [JsonInclude] public string? ReturnAddress { get; private set; }
    [JsonInclude] public Policy Policy { get; private set; } = Policy.Default;
    [JsonInclude] public OrderStatus Status { get; private set; }
    [JsonInclude] public DateTimeOffset CreatedAt { get; private set; }
    [JsonInclude] public DateTimeOffset ProcessingDeadline { get; private set; }
    [JsonInclude] public int ProcessingExtendedDays { get; private set; }
    [JsonInclude] public Shipment? Shipment { get; private set; }
    [JsonInclude] public DateTimeOffset? DeliveredAt { get; private set; }
    [JsonInclude] public DateTimeOffset? ProtectionEndsAt { get; private set; }
    [JsonInclude] public int ProtectionExtendedDays { get; private set; }
    [JsonInclude] public DateTimeOffset? ReminderSentFor { get; private set; }
    [JsonInclude] public bool ProtectionExpired { get; private set; }
    [JsonInclude] public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>When the buyer confirmed receipt themselves, which (alone) opens the post-completion dispute window.</summary>
    [JsonInclude] public DateTimeOffset? ReceiptConfirmedAt { get; private set; }
    [JsonInclude] public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>How many history entries the order and its disputes have recorded: each event's number.</summary>
    [JsonInclude] public long EventSequence { get; private set; }

    [JsonInclude, JsonPropertyName("lines")] private List<OrderLine> LineList { get; set; } = [];
    [JsonInclude, JsonPropertyName("disputes")] private List<Dispute> DisputeList { get; set; } = [];
    [JsonInclude, JsonPropertyName("refunds")] private List<Refund> RefundList { get; set; } = [];
    [JsonInclude, JsonPropertyName("evidence")] private List<EvidenceFile> EvidenceList { get; set; } = [];
    [JsonInclude, JsonPropertyName("extensionRequests")] private List<ExtensionRequest> ExtensionRequestList { get; set; } = [];
    [JsonInclude, JsonPropertyName("chargebacks")] private List<Chargeback> ChargebackList { get; set; } = [];
    [JsonInclude, JsonPropertyName("history")] private List<HistoryEntry> HistoryList { get; set; } = [];
    [JsonInclude, JsonPropertyName("erasures")] private List<Erasure> ErasureList { get; set; } = [];

    [JsonIgnore] public IReadOnlyList<OrderLine> Lines => LineList;

    [JsonIgnore] public IReadOnlyList<Dispute> Disputes => DisputeList;

    [JsonIgnore] public IReadOnlyList<Refund> Refunds => RefundList;

    [JsonIgnore] public IReadOnlyList<EvidenceFile> Evidence => EvidenceList;

    [JsonIgnore] public IReadOnlyList<ExtensionRequest> ExtensionRequests => ExtensionRequestList;

    [JsonIgnore] public IReadOnlyList<Chargeback> Chargebacks => ChargebackList;

    [JsonIgnore] public IReadOnlyList<HistoryEntry> History => HistoryList;

    /// <summary>What the order and its disputes recorded since it was created, loaded or last saved, in that order: the events a save publishes.</summary>
    [JsonIgnore] public IReadOnlyList<RecordedEvent> NewEvents => _newEvents;

    /// <summary>The order's books; attached by whoever loads the order.</summary>
    [JsonIgnore] public OrderLedger Ledger { get; private set; } = null!;

    public Money Total => Money.Sum(LineList.Select(l => l.Total), Currency);

    /// <summary>Minor units of this order's currency, as money people can read.</summary>
    public Money Amount(long minor) => new(minor, Currency);

    /// <summary>
    /// Until when a (new) dispute may be opened: while protection runs, and for a grace window after
    /// the buyer confirmed receipt early. Once protection has run out nothing reopens it: not the
    /// order completing by itself, not a cancelled dispute, not the last dispute of several finishing.
    /// </summary>
    public DateTimeOffset? DisputeWindowEndsAt => Status switch
    {
        OrderStatus.AwaitingConfirmation when !ProtectionExpired => ProtectionEndsAt,
        OrderStatus.Completed when ReceiptConfirmedAt is { } confirmedAt => confirmedAt + Policy.PostCompletionDisputeWindow,
        _ => null,
    };

    public bool HasOpenDispute => DisputeList.Any(d => !d.IsFinished);

    /// <summary>How many business days of the buyer's a refund usually takes to arrive.</summary>
    public const int RefundBusinessDays = 10;

    /// <summary>The longest return address an order keeps.</summary>
    public const int MaxReturnAddress = 1000;

    /// <summary>
    /// The most an order may cost, in minor units: half of what a long holds, so that any sum of the
    /// order's money (a refund and a chargeback of the same money together) still fits in one.
    /// </summary>
    public const long MaxTotal = long.MaxValue / 2;

    /// <summary>The work days of a party: its region's, as the order's policy names them.</summary>
    public WorkCalendar CalendarOf(Party party) => Policy.CalendarOf(party == Party.Buyer ? BuyerRegion : SellerRegion);

    /// <summary>When the buyer can expect a refund on their payment method, in the buyer's business days.</summary>
    public DateTimeOffset ExpectedBy(Refund refund) => CalendarOf(Party.Buyer).Add(refund.CreatedAt, RefundBusinessDays);

    public OrderLine? Line(string lineId) => LineList.Find(l => l.Id == lineId);

    public Dispute? Dispute(string disputeId) => DisputeList.Find(d => d.Id == disputeId);

    /// <summary>What may still be paid back on a line: its total less what was refunded already and what the buyer's bank took.</summary>
    public Money Refundable(OrderLine line) => line.Total - Ledger.Refunded(line.Id) - Ledger.ChargedBack(line.Id);

    /// <summary>A line whose dispute was resolved can never be disputed again.</summary>
    public bool IsLineClosedForGood(string lineId) =>
        DisputeList.Any(d => d.LineId == lineId && d.Status == DisputeStatus.Resolved);

    /// <summary>The platform takes the buyer's payment into escrow and starts the seller's processing time.</summary>
    public static Result<Order> Create(Actor actor, NewOrder command, Policy policy, DateTimeOffset now)
    {
        if (GuardCreate(actor) is { IsSuccess: false } refused)
        {
            return refused.Error!;
        }

        if (Validate(command) is { } error)
        {
            return error;
        }

        var id = OrderId.Parse(command.Id)!.Value;
        var order = new Order
        {
            Id = id,
            BuyerId = command.BuyerId,
            SellerId = command.SellerId,
            Currency = Currency.Of(command.Currency),
            Payment = command.Payment,
            ShippingMethod = command.ShippingMethod,
            BuyerRegion = command.BuyerRegion,
            SellerRegion = command.SellerRegion,
            ReturnAddress = string.IsNullOrWhiteSpace(command.ReturnAddress) ? null : command.ReturnAddress.Trim(),
            Policy = policy.For(command.BuyerRegion, command.SellerRegion),
            Status = OrderStatus.AwaitingShipment,
            CreatedAt = now,
            ProcessingDeadline = now + policy.ProcessingTime,
            LineList = [.. command.Lines.Select(l => l.In(Currency.Of(command.Currency)))],
        };
        order.AttachLedger([]);
        foreach (var line in order.LineList.Where(l => l.Total.IsPositive))
        {
            order.Ledger.Capture(line.Id, line.Total, now);
        }

        order.Record(now, actor, HistoryAction.OrderCreated, $"total {order.Total}, paid by {command.Payment.Method}");
        return order;
    }

    private static DomainError? Validate(NewOrder command)
    {
        if ((Ids.Check(command.Id, "id") ?? Ids.Check(command.BuyerId, "buyerId") ?? Ids.Check(command.SellerId, "sellerId")) is { } idError)
        {
            return idError;
        }

        if (!Currency.IsKnown(command.Currency))
        {
            return DomainError.Invalid(ErrorCode.InvalidCurrency, "currency must be an ISO 4217 code such as USD.");
        }

        if (command.Lines.Count == 0)
        {
            return DomainError.Invalid(ErrorCode.LinesRequired, "An order needs at least one line.");
        }

        if (command.Lines.Select(l => l.Id).Distinct().Count() != command.Lines.Count)
        {
            return DomainError.Invalid(ErrorCode.DuplicateLine, "Line ids must be unique within the order.");
        }

        foreach (var line in command.Lines)
        {
            if (Ids.Check(line.Id, "lines[].id") is { } lineIdError)
            {
                return lineIdError;
            }

            if (string.IsNullOrWhiteSpace(line.Title) || line.Quantity < 1 || line.UnitPrice < 0 || line.Shipping < 0
                || line.Quantity > 1_000_000 || line.UnitPrice > 1_000_000_000_000 || line.Shipping > 1_000_000_000_000)
            {
                return DomainError.Invalid(ErrorCode.InvalidLine, $"Line {line.Id} needs a title, a quantity of at least 1 and prices that are not negative.");
            }
        }

        // Summed wide: lines each within their limits can still add up past what a long holds.
        var total = command.Lines.Aggregate(Int128.Zero, (sum, l) => sum + ((Int128)l.Quantity * l.UnitPrice) + l.Shipping);
        if (total <= 0 || total > MaxTotal)
        {
            return DomainError.Invalid(ErrorCode.InvalidTotal, $"An order must cost something, and at most {MaxTotal} minor units.");
        }

        if (string.IsNullOrWhiteSpace(command.Payment.Method) || string.IsNullOrWhiteSpace(command.Payment.Reference))
        {
            return DomainError.Invalid(ErrorCode.PaymentRequired, "payment.method and payment.reference are required.");
        }

        if (command.ReturnAddress is { Length: > MaxReturnAddress })
        {
            return DomainError.Invalid(ErrorCode.InvalidReturnAddress, $"returnAddress may be at most {MaxReturnAddress} characters.");
        }

        return string.IsNullOrWhiteSpace(command.ShippingMethod)
            ? DomainError.Invalid(ErrorCode.ShippingMethodRequired, "shippingMethod is required.")
            : null;
    }

    /// <summary>Gives the order its books, as loaded from the ledger.</summary>
    public void AttachLedger(IEnumerable<Posting> postings) => Ledger = new OrderLedger(Id, Currency, postings);

    /// <summary>
    /// The store saved the order (its new events and postings): it goes on from there, as if read
    /// afresh, and the next save publishes and appends only what follows.
    /// </summary>
    public void AcceptChanges()
    {
        _newEvents.Clear();
        Ledger.AcceptChanges();
    }

    /// <summary>Gives the order the policy it was created under, as loaded from where a store keeps each policy once.</summary>
    public void AttachPolicy(Policy policy) => Policy = policy;

    void IJsonOnDeserialized.OnDeserialized()
    {
        LineList = [.. LineList.Select(l => l.In(Currency))];
        RefundList = [.. RefundList.Select(r => r.In(Currency))];
        ChargebackList = [.. ChargebackList.Select(c => c.In(Currency))];
        foreach (var dispute in DisputeList)
        {
            dispute.Attach(this);
        }

        // Documents saved before the buyer's own confirmation was kept find it in their history.
        ReceiptConfirmedAt ??= HistoryList.Find(e => e.Action == HistoryAction.ReceiptConfirmed)?.At;

        // Documents saved before events were numbered continue from their history's length.
        if (EventSequence == 0)
        {
            EventSequence = HistoryList.Count + DisputeList.Sum(d => d.History.Count);
        }
    }

    internal void Record(DateTimeOffset at, Actor actor, HistoryAction action, string? details = null, string? refundId = null, string? chargebackId = null)
    {
        var entry = new HistoryEntry(at, actor.ToString(), action, details);
        HistoryList.Add(entry);
        Recorded(entry, null, refundId, chargebackId);
    }

    /// <summary>Numbers an entry the order or one of its disputes recorded, as the next event.</summary>
    internal void Recorded(HistoryEntry entry, string? disputeId, string? refundId = null, string? chargebackId = null) =>
        _newEvents.Add(new RecordedEvent(++EventSequence, entry, disputeId, refundId, chargebackId));

}
