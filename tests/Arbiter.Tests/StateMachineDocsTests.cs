using System.Globalization;
using System.Text;
using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Testing;

namespace Arbiter.Tests;

/// <summary>
/// <c>docs/state-machines.md</c> is the domain's two tables, rendered: this test fails when the page
/// and the tables differ. Run it with <c>ARBITER_WRITE_DOCS=1</c> to write the page afresh.
/// </summary>
public class StateMachineDocsTests
{
    private static readonly string PagePath = Path.Combine(Repository.Root, "docs", "state-machines.md");

    [Fact]
    public void The_state_machine_page_is_the_domains_tables()
    {
        var rendered = Render();
        if (Environment.GetEnvironmentVariable("ARBITER_WRITE_DOCS") == "1")
        {
            File.WriteAllText(PagePath, rendered);
        }

        Assert.True(File.Exists(PagePath) && File.ReadAllText(PagePath) == rendered, "docs/state-machines.md is not the tables: run this test with ARBITER_WRITE_DOCS=1 and commit the page.");
    }

    private static string Render()
    {
        var page = new StringBuilder();
        page.AppendLine("""
            # Orders and disputes, state by state

            Generated from `OrderRules.Table` (`src/Arbiter.Domain/Orders/OrderRules.cs`) and
            `DisputeRules.Table` (`src/Arbiter.Domain/Disputes/DisputeRules.cs`), the tables every
            command's guard asks first, whatever the door (API, web pages, timers, CLI). A test keeps
            this page and the tables the same. Per status: the deadlines it arms and where their passing
            leads, then who may do what and where it leads ("stays" when the status does not change).
            Finer guards (an open dispute holds the order, a pending offer, an open question, the appeal
            window, the dispute window) refuse some of these; `allowedActions` on an order or a dispute
            says what one caller may do now. Everything belonging to someone else is not found.

            """);
        Section(page, "Orders", OrderRules.Table);
        Section(page, "Disputes", DisputeRules.Table);
        return page.ToString().ReplaceLineEndings("\n");
    }

    private static void Section<TStatus, TAction>(StringBuilder page, string title, StateTable<TStatus, TAction> table)
        where TStatus : struct, Enum
        where TAction : struct, Enum
    {
        page.AppendLine(CultureInfo.InvariantCulture, $"## {title}").AppendLine();
        foreach (var row in table.Rows)
        {
            page.AppendLine(CultureInfo.InvariantCulture, $"### `{Words.Of(row.Status)}`").AppendLine();
            page.AppendLine(row.Arms.Count == 0
                ? "Arms no deadline."
                : string.Create(CultureInfo.InvariantCulture, $"Arms: {string.Join("; ", row.Arms.Select(a => $"`{Words.Of(a.Kind)}` → {Leads(a.LeadsTo)}"))}."));
            page.AppendLine();
            if (row.Transitions.Count == 0)
            {
                page.AppendLine("Nobody can do anything: the status is final.").AppendLine();
                continue;
            }

            page.AppendLine("| action | who | leads to |").AppendLine("|---|---|---|");
            foreach (var transition in row.Transitions)
            {
                page.AppendLine(CultureInfo.InvariantCulture, $"| `{Words.Of(transition.Action)}` | {string.Join(", ", transition.Who.Select(Words.Of))} | {Leads(transition.LeadsTo)} |");
            }

            page.AppendLine();
        }
    }

    private static string Leads<TStatus>(IReadOnlyList<TStatus> to)
        where TStatus : struct, Enum => to.Count == 0 ? "stays" : string.Join(" or ", to.Select(s => $"`{Words.Of(s)}`"));
}
