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

    private static readonly string Assigned = Words.Of(HistoryAction.Assigned);

    public static string? InTheirWords(HistoryView entry) =>
        OwnWords.Contains(entry.Action) && !string.IsNullOrWhiteSpace(entry.Details) ? entry.Details : null;

    /// <summary>Whom an entry names besides its actor, as an actor: the mediator a dispute was assigned to.</summary>
    public static string? Mentioned(HistoryView entry) => entry.Action == Assigned ? entry.Details : null;
}
