using System.Text.RegularExpressions;

namespace Arbiter.Domain.Common;

/// <summary>
/// Ids the platform chooses for accounts, orders and lines, as marketplaces have them: 1 to 128
/// letters, digits and <c>-_.:</c> (UUIDs, <c>ord-2026-000123</c>, <c>usr:42</c>). Arbiter never
/// parses them; it only checks them and keeps them whole. The two ids a URL path cannot carry,
/// <c>.</c> and <c>..</c> (RFC 3986 removes them as dot-segments, and so do HTTP clients and
/// Kestrel, even percent-encoded), are refused: the order could never be read back.
/// </summary>
public static partial class Ids
{
    public const int MaxLength = 128;

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,128}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null and not ("." or "..") && Pattern().IsMatch(id);

    public static DomainError? Check(string? id, string field) =>
        IsValid(id) ? null : DomainError.Invalid(ErrorCode.InvalidId, $"{field} must be 1 to {MaxLength} letters, digits or the characters - _ . : (a UUID or an id such as ord-2026-000123).");
}
