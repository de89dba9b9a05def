using System.Text.RegularExpressions;
using Arbiter.Domain.Orders;
using Arbiter.Events;
using Arbiter.Testing;

namespace Arbiter.Tests;

/// <summary>The published event types cover what the domain records, and the documentation lists them all.</summary>
public partial class EventCatalogueTests
{
    [GeneratedRegex("""Record\([^;]*?"([a-z_]+)"[^;]*;""", RegexOptions.Singleline)]
    private static partial Regex RecordedAction();

    [Fact]
    public void Every_action_the_domain_records_is_a_catalogued_event_type()
    {
        var domain = Path.Combine(Repository.Root, "src", "Arbiter.Domain");
        var actions = Directory.EnumerateFiles(domain, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => RecordedAction().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Concat(["refund_sent", "refund_completed", "refund_failed"])
            .Distinct()
            .ToList();
        Assert.True(actions.Count > 40, $"found only {actions.Count} actions: the pattern no longer matches the domain's Record calls");

        var uncatalogued = actions
            .Select(a => (a, Order: EventTypes.Of(Event(a, null)), Dispute: EventTypes.Of(Event(a, "o1-d1"))))
            .Where(t => !(EventTypes.Names.Contains(t.Order ?? "") || EventTypes.Names.Contains(t.Dispute ?? "") || t.a == "dispute_opened"))
            .Select(t => t.a);
        Assert.Empty(uncatalogued);
    }

    [Fact]
    public void The_documentation_lists_every_event_type()
    {
        var documented = File.ReadAllText(Path.Combine(Repository.Root, "docs", "events.md"));
        Assert.Empty(EventTypes.All.Where(t => !documented.Contains($"| `{t.Name}` |", StringComparison.Ordinal)).Select(t => t.Name));
    }

    private static RecordedEvent Event(string action, string? disputeId) => new(1, new HistoryEntry(DateTimeOffset.UnixEpoch, "clock", action), disputeId, null);
}
