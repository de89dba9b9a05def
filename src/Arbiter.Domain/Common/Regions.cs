namespace Arbiter.Domain.Common;

/// <summary>Regions as ISO 3166-1 alpha-2 codes (CN, RU, US): an account's, whose holidays its deadlines skip.</summary>
public static class Regions
{
    public static bool IsValid(string? region) => region is [>= 'A' and <= 'Z', >= 'A' and <= 'Z'];

    /// <summary>The region as stored: trimmed and in capitals; null when none was given.</summary>
    public static string? Normalize(string? region) => string.IsNullOrWhiteSpace(region) ? null : region.Trim().ToUpperInvariant();
}
