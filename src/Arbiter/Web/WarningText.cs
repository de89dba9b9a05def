using Arbiter.Domain.Disputes;

namespace Arbiter.Web;

/// <summary>What the message screening's warnings mean for the buyer, in plain words.</summary>
internal static class WarningText
{
    public static string Of(string warning) => warning switch
    {
        MessageScreening.CancelDispute => "asks you to cancel the dispute. Cancel only once the problem is solved: promises made outside the dispute are not protected.",
        MessageScreening.OutsidePayment => "asks to pay or refund outside this platform. Money that moves outside the dispute is not protected, and the dispute cannot get it back.",
        MessageScreening.EarlyConfirmation => "asks you to confirm receipt early. Confirming pays the seller at once; do it only when you have what you paid for.",
        MessageScreening.ReviewTrade => "offers something in exchange for a good review. Reviews must not be bought, and accepting does not settle the dispute.",
        _ => Display.Word(warning),
    };
}
