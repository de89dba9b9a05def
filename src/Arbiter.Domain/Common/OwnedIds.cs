using System.Globalization;
using System.Security.Cryptography;

namespace Arbiter.Domain.Common;

/// <summary>
/// Ids Arbiter makes for what an order holds: the order's id, kept whole, then a marker and a
/// number (<c>ord-2026-000123-d1</c>). Reading one back takes off only the suffix Arbiter added:
/// the last <c>-d</c> (or <c>-r</c>, <c>-c</c>) followed by nothing but a number in its one written
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

/// <summary>A chargeback's id: its order's and its number within the order.</summary>
public readonly record struct ChargebackId(OrderId OrderId, int Number)
{
    public override string ToString() => OwnedIdFormat.Format(OrderId, 'c', Number);

    public static ChargebackId? Parse(string? id) => OwnedIdFormat.TryParse(id, 'c', out var order, out var n) ? new ChargebackId(order, n) : null;
}

/// <summary>
/// An evidence file's id: its order's and a random token (<c>ord-1-e3f9c...</c>), so that nobody
/// finds files by counting. Files uploaded before tokens have a number as theirs. Only an id as
/// stored names a file, so a token needs no one written form.
/// </summary>
public readonly record struct EvidenceId(OrderId OrderId, string Token)
{
    private const int MaxTokenLength = 32;

    /// <summary>A fresh id: 128 random bits.</summary>
    public static EvidenceId New(OrderId orderId) => new(orderId, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    public override string ToString() => $"{OrderId}-e{Token}";

    public static EvidenceId? Parse(string? id)
    {
        var at = id?.LastIndexOf("-e", StringComparison.Ordinal) ?? -1;
        if (at <= 0 || OrderId.Parse(id![..at]) is not { } order)
        {
            return null;
        }

        var token = id[(at + 2)..];
        return token.Length is > 0 and <= MaxTokenLength && token.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c))
            ? new EvidenceId(order, token)
            : null;
    }
}
