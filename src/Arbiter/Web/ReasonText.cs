namespace Arbiter.Web;

/// <summary>The reasons of the taxonomy as a buyer reads them.</summary>
internal static class ReasonText
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["not_received_in_transit"] = "Still in transit after the promised time",
        ["not_received_tracking_not_updated"] = "Tracking has not moved",
        ["not_received_returned_to_sender"] = "Returned to the seller",
        ["not_received_customs"] = "Held by customs",
        ["not_received_wrong_address"] = "Sent to the wrong address",
        ["not_as_described"] = "Not as described",
        ["quality_problem"] = "Quality problem",
        ["damaged"] = "Arrived damaged",
        ["wrong_quantity"] = "Wrong quantity",
        ["counterfeit"] = "Counterfeit",
        ["wrong_color_or_size"] = "Wrong colour or size",
        ["missing_components"] = "Parts or accessories missing",
        ["shipping_method_differs"] = "Shipped by a different method than paid for",
        ["ordered_by_mistake"] = "I ordered it by mistake",
        ["found_cheaper"] = "I found it cheaper",
        ["no_longer_needed"] = "I no longer need it",
    };

    public static string Of(string reason) => Texts.GetValueOrDefault(reason, Display.Word(reason));
}
