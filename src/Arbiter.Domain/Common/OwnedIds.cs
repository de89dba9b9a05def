using System.Globalization;

namespace Arbiter.Domain.Common;

/// <summary>
/// Ids Arbiter makes for what an order holds: the order's id, kept whole, then a marker and a
/// number (<c>ord-2026-000123-d1</c>). Reading one back takes off only the suffix Arbiter added:
/// the last <c>-d</c> (or <c>-e</c>, <c>-r</c>) followed by nothing but a number in its one written
/// form, so whatever the platform's id contains, each id names exactly one order and one item.
/// </summary>
internal static class OwnedIdFormat
{
    public static string Format(OrderId orderId, char marker, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{orderId}-{marker}{number}");

    public static bool TryParse(string? id, char marker, out OrderId orderId, out int number)
    {
        (orderId, number) = (default, 0);
        var at = id?.LastIndexOf($"-{marker}", StringComparison.Ordinal) ?? -1;
        if (at <= 0
            || !int.TryParse(id.AsSpan(at + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            || parsed < 1
            || OrderId.Parse(id![..at]) is not { } order
            || Format(order, marker, parsed) != id)
        {
            return false;
        }

        (orderId, number) = (order, parsed);
        return true;
    }
}

/// <summary>A dispute's id: its order's and its number within the order.</summary>
public readonly record struct DisputeId(OrderId OrderId, int Number)
{
    public override string ToString() => OwnedIdFormat.Format(OrderId, 'd', Number);

    public static DisputeId? Parse(string? id) => OwnedIdFormat.TryParse(id, 'd', out var order, out var n) ? new DisputeId(order, n) : null;
}

/// <summary>A refund's id: its order's and its number within the order.</summary>
public readonly record struct RefundId(OrderId OrderId, int Number)
{
    public override string ToString() => OwnedIdFormat.Format(OrderId, 'r', Number);

    public static RefundId? Parse(string? id) => OwnedIdFormat.TryParse(id, 'r', out var order, out var n) ? new RefundId(order, n) : null;
}

/// <summary>An evidence file's id: its order's and its number within the order.</summary>
public readonly record struct EvidenceId(OrderId OrderId, int Number)
{
    public override string ToString() => OwnedIdFormat.Format(OrderId, 'e', Number);

    public static EvidenceId? Parse(string? id) => OwnedIdFormat.TryParse(id, 'e', out var order, out var n) ? new EvidenceId(order, n) : null;
}
