using System.Text.RegularExpressions;

namespace Arbiter.Domain.Disputes;

/// <summary>
/// Spots the requests the buyers' guides warn about, so the buyer sees a warning next to the
/// message: close the dispute, pay or refund outside the platform, confirm receipt early, trade a review.
/// </summary>
public static partial class MessageScreening
{
    public const string CancelDispute = "asks_to_cancel_dispute";
    public const string OutsidePayment = "asks_to_pay_outside_platform";
    public const string EarlyConfirmation = "asks_to_confirm_receipt_early";
    public const string ReviewTrade = "offers_review_trade";

    [GeneratedRegex(@"\b(cancel|close|withdraw|drop|remove)\w*\b.{0,40}\b(dispute|claim|complaint|case)s?\b|\b(dispute|claim)\b.{0,20}\b(cancel|close|withdraw)\w*", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex CancelPattern();

    [GeneratedRegex(@"\b(paypal|western\s*union|moneygram|wise|venmo|zelle|cash\s*app|bank\s*transfer|wire\s*transfer|crypto|bitcoin|usdt|whatsapp|telegram|wechat)\b|\b(outside|off)\b.{0,30}\b(platform|site|app|marketplace)\b|\b(pay|refund|send)\w*\b.{0,40}\b(directly|personally|privately)\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex OutsidePattern();

    [GeneratedRegex(@"\bconfirm\w*\b.{0,40}\b(receipt|received|delivery|order)\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ConfirmPattern();

    [GeneratedRegex(@"\b(\d\s*-?\s*stars?|five\s*stars?|positive|good|great)\b.{0,30}\b(review|feedback|rating)s?\b|\b(review|feedback|rating)s?\b.{0,60}\b(refund|discount|coupon|bonus|gift|compensat\w*|money)\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ReviewPattern();

    /// <summary>The warning codes a message deserves, in a fixed order; empty when it looks harmless.</summary>
    public static IReadOnlyList<string> Screen(string text)
    {
        var warnings = new List<string>();
        if (CancelPattern().IsMatch(text))
        {
            warnings.Add(CancelDispute);
        }

        if (OutsidePattern().IsMatch(text))
        {
            warnings.Add(OutsidePayment);
        }

        if (ConfirmPattern().IsMatch(text))
        {
            warnings.Add(EarlyConfirmation);
        }

        if (ReviewPattern().IsMatch(text))
        {
            warnings.Add(ReviewTrade);
        }

        return warnings;
    }
}
