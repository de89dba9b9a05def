using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Arbiter.Domain.Common;

namespace Arbiter.Domain;

/// <summary>
/// Every duration of buyer protection and dispute handling, in one place. An order keeps
/// the policy it was created under, so changing the defaults never moves a running deadline.
/// </summary>
public sealed record Policy
{
    public static readonly Policy Default = new();

    /// <summary>The policies <see cref="For"/> made from each policy, by the parties' regions.</summary>
    private static readonly ConditionalWeakTable<Policy, ConcurrentDictionary<(string? Buyer, string? Seller), Policy>> RegionalOf = new();

    /// <summary>Time the seller has to ship with a carrier and tracking number.</summary>
    public TimeSpan ProcessingTime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Most days in all the seller may add to processing time.</summary>
    public int MaxProcessingExtensionDays { get; init; } = 30;

    /// <summary>Buyer protection from shipment when the shipping method has no entry of its own.</summary>
    public TimeSpan Protection { get; init; } = TimeSpan.FromDays(60);

    /// <summary>Buyer protection per shipping method, e.g. slower methods protect longer.</summary>
    public IReadOnlyDictionary<string, TimeSpan> ProtectionByShippingMethod { get; init; } = new Dictionary<string, TimeSpan>
    {
        ["standard"] = TimeSpan.FromDays(60),
        ["economy"] = TimeSpan.FromDays(75),
        ["post"] = TimeSpan.FromDays(90),
    };

    /// <summary>Most days in all the seller may add to buyer protection.</summary>
    public int MaxProtectionExtensionDays { get; init; } = 60;

    /// <summary>How long before protection ends the buyer is reminded, and below which a cancel needs confirmation.</summary>
    public TimeSpan ProtectionReminder { get; init; } = TimeSpan.FromDays(5);

    /// <summary>How long before a party's own deadline (the seller's answer, a mediator's question, shipping a return) they are reminded; zero: never.</summary>
    public TimeSpan DeadlineReminder { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Time a party has to answer the other's request for more time; silence lets it expire.</summary>
    public TimeSpan ExtensionRequestAnswer { get; init; } = TimeSpan.FromDays(3);

    /// <summary>How long after completion a dispute may still be opened.</summary>
    public TimeSpan PostCompletionDisputeWindow { get; init; } = TimeSpan.FromDays(15);

    /// <summary>Time the seller has to answer a new dispute; silence resolves it as claimed.</summary>
    public TimeSpan SellerResponse { get; init; } = TimeSpan.FromDays(5);

    /// <summary>Time from the seller's first response to agree before the dispute escalates.</summary>
    public TimeSpan Negotiation { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Default business days a party has to answer a mediator's question.</summary>
    public int InfoRequestBusinessDays { get; init; } = 7;

    /// <summary>Time the buyer has to ship a return.</summary>
    public TimeSpan ReturnShipment { get; init; } = TimeSpan.FromDays(10);

    /// <summary>Time the seller has to confirm a returned item after it was shipped.</summary>
    public TimeSpan ReturnReceiptAfterShipment { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Time the seller has to confirm a returned item after the platform reported its delivery.</summary>
    public TimeSpan ReturnReceiptAfterDelivery { get; init; } = TimeSpan.FromDays(10);

    /// <summary>Time the seller has to ship a replacement the buyer accepted; else the claim is granted.</summary>
    public TimeSpan ReplacementShipment { get; init; } = TimeSpan.FromDays(5);

    /// <summary>Time from the replacement's shipment for the buyer to say it came or is wrong; silence pays the seller.</summary>
    public TimeSpan ReplacementReceipt { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Time either party has to appeal a mediator's decision.</summary>
    public TimeSpan AppealWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Public holidays per region (ISO 3166 alpha-2, such as CN): business-day deadlines of a party skip its region's.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DateOnly>> Holidays { get; init; } = new Dictionary<string, IReadOnlyList<DateOnly>>();

    /// <summary>The weekend per region where it is not Saturday and Sunday (IL: friday, saturday); a week keeps at least one work day.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DayOfWeek>> Weekends { get; init; } = new Dictionary<string, IReadOnlyList<DayOfWeek>>();

    /// <summary>How far back a seller's record looks.</summary>
    public TimeSpan SellerRecordWindow { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Most messages one account may write in one dispute.</summary>
    public int MaxMessagesPerParty { get; init; } = 200;

    /// <summary>Most evidence files one account may upload to one dispute (or to the order before it).</summary>
    public int MaxEvidenceFilesPerParty { get; init; } = 30;

    /// <summary>Most bytes of evidence one account may upload to one dispute (or to the order before it).</summary>
    public long MaxEvidenceBytesPerParty { get; init; } = 200L * 1024 * 1024;

    /// <summary>
    /// Days after an order finished that what its parties wrote (messages, claims, notes, evidence) is
    /// kept, and events, webhook deliveries and e-mail are kept after they were sent; then the retention
    /// policy erases and prunes them. The books and the shape of the history stay.
    /// </summary>
    public int RetentionDays { get; init; } = 730;

    /// <summary>What makes this policy unusable, if anything: every period must be positive.</summary>
    public IEnumerable<string> Problems()
    {
        var periods = new Dictionary<string, TimeSpan>
        {
            [nameof(ProcessingTime)] = ProcessingTime,
            [nameof(Protection)] = Protection,
            [nameof(PostCompletionDisputeWindow)] = PostCompletionDisputeWindow,
            [nameof(SellerResponse)] = SellerResponse,
            [nameof(Negotiation)] = Negotiation,
            [nameof(ReturnShipment)] = ReturnShipment,
            [nameof(ReturnReceiptAfterShipment)] = ReturnReceiptAfterShipment,
            [nameof(ReturnReceiptAfterDelivery)] = ReturnReceiptAfterDelivery,
            [nameof(AppealWindow)] = AppealWindow,
            [nameof(ReplacementShipment)] = ReplacementShipment,
            [nameof(ExtensionRequestAnswer)] = ExtensionRequestAnswer,
            [nameof(SellerRecordWindow)] = SellerRecordWindow,
            [nameof(ReplacementReceipt)] = ReplacementReceipt,
        };
        foreach (var (method, protection) in ProtectionByShippingMethod)
        {
            periods[$"{nameof(ProtectionByShippingMethod)}[{method}]"] = protection;
        }

        foreach (var (name, period) in periods.Where(p => p.Value <= TimeSpan.Zero))
        {
            yield return $"{name} must be positive, not {period}";
        }

        if (ProtectionReminder < TimeSpan.Zero || DeadlineReminder < TimeSpan.Zero || InfoRequestBusinessDays < 1 || MaxProcessingExtensionDays < 0 || MaxProtectionExtensionDays < 0)
        {
            yield return "protectionReminder, deadlineReminder and the extension maximums cannot be negative; infoRequestBusinessDays is at least 1";
        }

        foreach (var region in Holidays.Keys.Where(r => !Regions.IsValid(r)))
        {
            yield return $"holidays: '{region}' is not a region (two capital letters, ISO 3166 alpha-2, such as CN)";
        }

        foreach (var (region, weekend) in Weekends.Where(w => !Regions.IsValid(w.Key) || w.Value.Distinct().Count() > 6))
        {
            yield return Regions.IsValid(region)
                ? $"weekends: {region} would never work (at most six days of the week can be its weekend)"
                : $"weekends: '{region}' is not a region (two capital letters, ISO 3166 alpha-2, such as IL)";
        }

        if (RetentionDays < 1)
        {
            yield return "retentionDays is at least 1";
        }

        if (MaxMessagesPerParty < 1 || MaxEvidenceFilesPerParty < 1 || MaxEvidenceBytesPerParty < 1)
        {
            yield return "maxMessagesPerParty, maxEvidenceFilesPerParty and maxEvidenceBytesPerParty are at least 1";
        }
    }

    /// <summary>The work days of a party in <paramref name="region"/>: its weekend and holidays; without a region, Monday to Friday.</summary>
    public WorkCalendar CalendarOf(string? region) => region is null || !(Holidays.ContainsKey(region) || Weekends.ContainsKey(region))
        ? WorkCalendar.Default
        : new WorkCalendar(Holidays.GetValueOrDefault(region) ?? [], Weekends.GetValueOrDefault(region));

    /// <summary>
    /// This policy with only the calendars of the two parties' regions: what an order keeps, small
    /// whatever the calendars. Made once for each pair of regions, so that the orders of the same
    /// regions share one policy (stored once, by an id worked out once).
    /// </summary>
    public Policy For(string? buyerRegion, string? sellerRegion) =>
        RegionalOf.GetValue(this, _ => new()).GetOrAdd((buyerRegion, sellerRegion), regions => this with
        {
            Holidays = Holidays.Where(h => h.Key == regions.Buyer || h.Key == regions.Seller).ToDictionary(h => h.Key, h => h.Value),
            Weekends = Weekends.Where(w => w.Key == regions.Buyer || w.Key == regions.Seller).ToDictionary(w => w.Key, w => w.Value),
        });

    public TimeSpan ProtectionFor(string shippingMethod) =>
        ProtectionByShippingMethod.TryGetValue(shippingMethod, out var protection) ? protection : Protection;
}
