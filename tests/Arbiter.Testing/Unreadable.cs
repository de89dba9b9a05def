using System.Text.RegularExpressions;

namespace Arbiter.Testing;

/// <summary>What a page or an e-mail must never show a person: a snake_case code, an ISO date or time.</summary>
public static partial class Unreadable
{
    [GeneratedRegex(@"\b[a-z]+(?:_[a-z0-9]+)+\b")]
    public static partial Regex SnakeCase();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}")]
    public static partial Regex IsoInstant();
}
