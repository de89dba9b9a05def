using Arbiter.Domain;
using Arbiter.Events;
using Arbiter.Testing;

namespace Arbiter.Tests;

/// <summary>
/// Every history action is a published event type (the catalogue's switch is exhaustive, so the
/// compiler holds that); each has its own name, and the documentation lists them all.
/// </summary>
public class EventCatalogueTests
{
    [Fact]
    public void Every_action_but_the_orders_note_of_a_new_dispute_is_published_under_a_name_of_its_own()
    {
        var published = Enum.GetValues<HistoryAction>().Select(a => (Action: a, Type: EventTypes.Of(a))).ToList();

        Assert.Equal([HistoryAction.DisputeOpened], published.Where(p => p.Type is null).Select(p => p.Action));
        Assert.Equal(published.Count - 1, EventTypes.Names.Count);
        Assert.All(EventTypes.All, t => Assert.Matches("^(order|dispute|refund|chargeback)\\.[a-z_]+$", t.Name));
    }

    [Fact]
    public void The_documentation_lists_every_event_type()
    {
        var documented = File.ReadAllText(Path.Combine(Repository.Root, "docs", "events.md"));
        Assert.Empty(EventTypes.All.Where(t => !documented.Contains($"| `{t.Name}` |", StringComparison.Ordinal)).Select(t => t.Name));
    }
}
