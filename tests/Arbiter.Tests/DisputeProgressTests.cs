using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Arbiter.Tests.Support;

namespace Arbiter.Tests;

/// <summary>The progress line on a dispute's page follows it from opening to the money moving, marking the step it is on.</summary>
public sealed partial class DisputeProgressTests() : MarketplaceTest(Backend.Sqlite)
{
    [GeneratedRegex(@"<li class=""(\w+)""[^>]*>\s*<span>([^<]+)</span>")]
    private static partial Regex Step();

    [Fact]
    public async Task The_line_marks_each_step_done_current_skipped_or_to_come()
    {
        var id = Marketplace.Text(await Market.DisputeAsync("o1"), "id");
        using var buyer = await WebBrowser.SignInAsync(Host, "b1");
        async Task<string> Line() => string.Join(" ", Step().Matches(await buyer.PageAsync($"/disputes/{id}")).Select(m => $"{m.Groups[2].Value}:{m.Groups[1].Value}"));

        Assert.Equal("Opened:done Seller's answer:current Negotiation:upcoming Mediator:upcoming Outcome:upcoming Money moved:upcoming", System.Net.WebUtility.HtmlDecode(await Line()));

        await Marketplace.PostOk(Market.Seller, $"/api/v1/disputes/{id}/reject", new { note = "No." });
        Assert.Equal("Opened:done Seller's answer:done Negotiation:current Mediator:upcoming Outcome:upcoming Money moved:upcoming", System.Net.WebUtility.HtmlDecode(await Line()));

        await Marketplace.PostOk(Market.Buyer, $"/api/v1/disputes/{id}/escalate", new { note = "Help." });
        Assert.Equal("Opened:done Seller's answer:done Negotiation:done Mediator:current Outcome:upcoming Money moved:upcoming", System.Net.WebUtility.HtmlDecode(await Line()));

        await Marketplace.PostOk(Market.Mediator, $"/api/v1/disputes/{id}/decision", new { outcome = "full_refund", note = "Damaged." });
        Assert.Equal("Opened:done Seller's answer:done Negotiation:done Mediator:done Outcome:done Money moved:current", System.Net.WebUtility.HtmlDecode(await Line()));

        await Market.AdvanceAsync(days: 8);
        Assert.Equal("Opened:done Seller's answer:done Negotiation:done Mediator:done Outcome:done Money moved:done", System.Net.WebUtility.HtmlDecode(await Line()));
    }

    [Fact]
    public async Task A_claim_the_seller_accepts_passes_by_negotiation_and_mediation()
    {
        var id = Marketplace.Text(await Market.DisputeAsync("o1"), "id");
        await Marketplace.PostOk(Market.Seller, $"/api/v1/disputes/{id}/accept-claim", new { });
        using var buyer = await WebBrowser.SignInAsync(Host, "b1");
        var line = string.Join(" ", Step().Matches(await buyer.PageAsync($"/disputes/{id}")).Select(m => $"{System.Net.WebUtility.HtmlDecode(m.Groups[2].Value)}:{m.Groups[1].Value}"));

        Assert.Equal("Opened:done Seller's answer:done Negotiation:skipped Mediator:skipped Outcome:done Money moved:done", line);
    }
}
