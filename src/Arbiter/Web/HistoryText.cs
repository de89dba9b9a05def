using Arbiter.Api;
using Arbiter.Domain;
using Arbiter.Domain.Common;

namespace Arbiter.Web;

/// <summary>
/// The history's details are written for the record (ids, ISO instants); a page shows them only
/// where they are someone's own words, such as the reason a seller gave for rejecting a claim.
/// </summary>
internal static class HistoryText
{
    private static readonly HashSet<string> OwnWords = new(
        [.. new[] { HistoryAction.Rejected, HistoryAction.ReturnRefused, HistoryAction.Appealed, HistoryAction.Escalated, HistoryAction.ReplacementProblem }.Select(Words.Of)],
        StringComparer.Ordinal);

    public static string? InTheirWords(HistoryView entry) =>
        OwnWords.Contains(entry.Action) && !string.IsNullOrWhiteSpace(entry.Details) ? entry.Details : null;
}
