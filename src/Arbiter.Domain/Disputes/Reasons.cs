namespace Arbiter.Domain.Disputes;

/// <summary>The fixed reason taxonomy; which reasons are allowed depends on whether the item arrived.</summary>
public static class Reasons
{
    /// <summary>Reasons for an item that never arrived.</summary>
    public static readonly IReadOnlyList<string> NotReceived =
    [
        "not_received_in_transit",
        "not_received_tracking_not_updated",
        "not_received_returned_to_sender",
        "not_received_customs",
        "not_received_wrong_address",
    ];

    /// <summary>Reasons for an item that arrived but is not what was bought.</summary>
    public static readonly IReadOnlyList<string> Received =
    [
        "not_as_described",
        "quality_problem",
        "damaged",
        "wrong_quantity",
        "counterfeit",
        "wrong_color_or_size",
        "missing_components",
        "shipping_method_differs",
        "ordered_by_mistake",
        "found_cheaper",
        "no_longer_needed",
    ];

    /// <summary>The buyer's own choice: the item must go back, at the buyer's cost.</summary>
    public static readonly IReadOnlyList<string> BuyersOwnChoice = ["ordered_by_mistake", "found_cheaper", "no_longer_needed"];

    public static IReadOnlyList<string> For(bool received) => received ? Received : NotReceived;

    public static bool IsBuyersOwnChoice(string reason) => BuyersOwnChoice.Contains(reason);
}
