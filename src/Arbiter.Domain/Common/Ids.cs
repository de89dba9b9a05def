using System.Text.RegularExpressions;

namespace Arbiter.Domain.Common;

/// <summary>Identifiers chosen by the platform: short, URL-safe, never ambiguous.</summary>
public static partial class Ids
{
    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static DomainError? Check(string? id, string field) =>
        IsValid(id) ? null : DomainError.Invalid("invalid_id", $"{field} must be 1-64 letters, digits or underscores.");
}
