using System.Net;
using System.Net.Http.Json;
using Arbiter.Mediation;
using Arbiter.Storage;
using Arbiter.Testing;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>Disputes in mediation go to mediators round robin by workload, and are taken or handed over, through the API.</summary>
public abstract class AssignmentTests(Backend backend) : MarketplaceTest(backend)
{
    private async Task<string> EscalatedAsync(string orderId)
    {
        var id = Text(await Market.DisputeAsync(orderId), "id");
        await PostOk(Market.Seller, $"/api/v1/disputes/{id}/escalate", new { note = "We cannot agree." });
        return id;
    }

    private async Task<string?> AssigneeAsync(string disputeId) =>
        (await GetAsync(Market.Mediator, $"/api/v1/disputes/{disputeId}"))["escalation"]!["assignee"]?.GetValue<string>();

    [Fact]
    public async Task Each_dispute_reaching_mediation_goes_to_the_least_busy_mediator_in_turn()
    {
        var second = Host.Client(await Market.CreateAccountAsync("m2", "mediator"));
        await Market.CreateAccountAsync("m3", "mediator");
        string[] first = [await EscalatedAsync("o1"), await EscalatedAsync("o2"), await EscalatedAsync("o3")];
        await Market.AdvanceAsync(minutes: 1);

        Assert.Equal(["m1", "m2", "m3"], (await Task.WhenAll(first.Select(AssigneeAsync))).Order());

        // m1 gives its dispute to m2: m1 has none left, m3 one, m2 two; the next goes to m1, then m3.
        var m1s = first[Array.IndexOf(await Task.WhenAll(first.Select(AssigneeAsync)), "m1")];
        var handed = await PostOk(Market.Mediator, $"/api/v1/disputes/{m1s}/hand-over", new { to = "m2" });
        Assert.Equal("m2", handed["escalation"]!["assignee"]!.GetValue<string>());
        // A minute on first: the host's outbox also polls each real second and may give the fourth away
        // before the clock moves, which must still be later than the first three were given.
        await Market.AdvanceAsync(minutes: 1);
        var fourth = await EscalatedAsync("o4");
        await Market.AdvanceAsync(minutes: 1);
        var fifth = await EscalatedAsync("o5");
        await Market.AdvanceAsync(minutes: 1);

        Assert.Equal("m1", await AssigneeAsync(fourth));
        Assert.Equal("m3", await AssigneeAsync(fifth));
        var mine = (await GetAsync(second, "/api/v1/disputes?assignee=me")).AsArray().Select(d => Text(d!, "id")).ToList();
        Assert.Equal(2, mine.Count);
        Assert.Contains(m1s, mine);
        var history = (await GetAsync(Market.Mediator, $"/api/v1/disputes/{m1s}"))["history"]!.AsArray().Where(h => Text(h!, "action") == "assigned").ToList();
        Assert.Equal([("clock", "mediator:m1"), ("mediator:m1", "mediator:m2")], history.Select(h => (Text(h!, "actor"), Text(h!, "details"))));
    }

    [Fact]
    public async Task A_dispute_waits_for_the_first_mediator_when_there_is_none()
    {
        var host = await ArbiterHost.StartAsync(Backend);
        await using var _ = host;
        var platform = host.Platform;
        var buyer = host.Client(await CreateAccountAsync(platform, "b1", "buyer"));
        var seller = host.Client(await CreateAccountAsync(platform, "s1", "seller"));
        await Expect(await platform.PostAsJsonAsync("/api/v1/orders", SampleOrders.OneLine("o1")), HttpStatusCode.Created);
        await PostOk(seller, "/api/v1/orders/o1/shipment", new { carrier = "DHL", trackingNumber = "1" });
        await Expect(await buyer.PostAsJsonAsync("/api/v1/orders/o1/disputes", new { lineId = "l1", received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "Broken." }), HttpStatusCode.Created);
        await PostOk(seller, "/api/v1/disputes/o1-d1/escalate", new { note = "No." });
        await PostOk(platform, "/api/v1/clock/advance", new { minutes = 1 });

        // Asked before the first mediator exists: once one does, the outbox may assign it at any moment.
        Assert.Null((await GetAsync(platform, "/api/v1/disputes/o1-d1"))["escalation"]!["assignee"]);
        Assert.Single((await GetAsync(platform, "/api/v1/disputes?assignee=none")).AsArray());
        var mediator = host.Client(await CreateAccountAsync(platform, "m9", "mediator"));
        await PostOk(platform, "/api/v1/clock/advance", new { minutes = 1 });

        Assert.Equal("m9", Text((await GetAsync(mediator, "/api/v1/disputes/o1-d1"))["escalation"]!, "assignee"));
        Assert.Empty((await GetAsync(mediator, "/api/v1/disputes?assignee=none")).AsArray());
    }

    [Fact]
    public async Task An_appeal_is_heard_by_another_mediator_than_the_one_who_decided()
    {
        await Market.CreateAccountAsync("m2", "mediator");
        var id = await EscalatedAsync("o1");
        await Market.AdvanceAsync(minutes: 1);
        var other = await EscalatedAsync("o2");
        await Market.AdvanceAsync(minutes: 1);
        Assert.Equal(("m1", "m2"), (await AssigneeAsync(id), await AssigneeAsync(other)));
        await PostOk(Market.Mediator, $"/api/v1/disputes/{id}/decision", new { outcome = "no_refund", note = "Not shown." });

        await PostOk(Market.Buyer, $"/api/v1/disputes/{id}/appeal", new { reason = "The photos show it." });
        await Market.AdvanceAsync(minutes: 1);

        // m1 now has nothing in mediation and m2 one, yet the appeal goes to m2.
        Assert.Equal("m2", await AssigneeAsync(id));
    }

    [Fact]
    public async Task Taking_and_handing_over_say_no_plainly()
    {
        var second = Host.Client(await Market.CreateAccountAsync("m2", "mediator"));
        var id = await EscalatedAsync("o1");
        await Market.AdvanceAsync(minutes: 1);
        Assert.Equal("m1", await AssigneeAsync(id));

        await ExpectProblem(await Market.Mediator.PostAsync($"/api/v1/disputes/{id}/take", null), HttpStatusCode.Conflict, "already_assigned");
        await ExpectProblem(await Market.Mediator.PostAsJsonAsync($"/api/v1/disputes/{id}/hand-over", new { to = "m1" }), HttpStatusCode.Conflict, "already_assigned");
        await ExpectProblem(await Market.Mediator.PostAsJsonAsync($"/api/v1/disputes/{id}/hand-over", new { to = "b1" }), HttpStatusCode.UnprocessableEntity, "invalid_assignee");
        await ExpectProblem(await Market.Mediator.PostAsJsonAsync($"/api/v1/disputes/{id}/hand-over", new { to = "nobody" }), HttpStatusCode.UnprocessableEntity, "invalid_assignee");
        await ExpectProblem(await Market.Mediator.PostAsJsonAsync($"/api/v1/disputes/{id}/hand-over", new { }), HttpStatusCode.UnprocessableEntity, "invalid_assignee");
        await ExpectProblem(await Market.Buyer.PostAsync($"/api/v1/disputes/{id}/take", null), HttpStatusCode.Forbidden, "action_not_allowed_for_role");

        var taken = await PostOk(second, $"/api/v1/disputes/{id}/take");
        Assert.Equal("m2", taken["escalation"]!["assignee"]!.GetValue<string>());
        Assert.DoesNotContain("take", taken["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains("take", (await GetAsync(Market.Mediator, $"/api/v1/disputes/{id}"))["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Empty((await GetAsync(Market.Mediator, "/api/v1/disputes?assignee=me")).AsArray());
        Assert.Single((await GetAsync(Market.Mediator, "/api/v1/disputes?assignee=m2")).AsArray());
    }

    [Fact]
    public void The_least_busy_goes_first_then_the_one_given_a_dispute_longest_ago_then_by_id()
    {
        MediatorLoad[] loads = [new("m1", "A", 2, 10), new("m2", "B", 1, 30), new("m3", "C", 1, 20), new("m4", "D", 1, null)];

        Assert.Equal("m4", MediatorAssigner.Choose(loads, null));
        Assert.Equal("m3", MediatorAssigner.Choose(loads, "m4"));
        Assert.Equal("m1", MediatorAssigner.Choose([loads[0]], "m1"));
        Assert.Equal("m1", MediatorAssigner.Choose([new("m2", "B", 0, 5), new("m1", "A", 0, 5)], null));
    }
}

public sealed class AssignmentTestsOnSqlite() : AssignmentTests(Backend.Sqlite);

public sealed class AssignmentTestsOnPostgres() : AssignmentTests(Backend.Postgres);
