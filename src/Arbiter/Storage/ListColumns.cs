using Arbiter.Domain;
using Arbiter.Domain.Orders;

namespace Arbiter.Storage;

/// <summary>What the lists search and sort orders by, kept beside each order's document.</summary>
internal static class ListColumns
{
    /// <summary>Deadlines that only remind or retry: nobody's next step waits on them.</summary>
    private static readonly HashSet<DeadlineKind> Quiet = [DeadlineKind.ProtectionReminder, DeadlineKind.Reminder, DeadlineKind.RefundRetry, DeadlineKind.ExtensionRequestReminder];

    /// <summary>The order's line titles, lower-cased, for search by title (titles never change).</summary>
    public static string Titles(Order order) => string.Join('\n', order.Lines.Select(l => l.Title.ToLowerInvariant()));

    /// <summary>The next of an order's deadlines someone must act by (ship, dispute, answer), for "soonest deadline first".</summary>
    public static long? DueAt(IEnumerable<Deadline> deadlines) =>
        deadlines.Where(d => !Quiet.Contains(d.Kind)).Select(d => (long?)d.DueAt.ToUnixTimeMilliseconds()).Min();

    /// <summary>When the order finished (Unix milliseconds), for erasure and retention; null while anything on it is open.</summary>
    public static long? FinishedAt(Order order) => order.FinishedAt?.ToUnixTimeMilliseconds();
}
