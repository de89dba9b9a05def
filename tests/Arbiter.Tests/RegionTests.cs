using System.Net;
using System.Net.Http.Json;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>Accounts' regions and the policy's holiday calendars: a party's business days skip its own holidays.</summary>
public abstract class RegionTests(Backend backend) : IAsyncLifetime
{
    private ArbiterHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        var storage = await TestStorage.NewAsync(backend);
        var policy = Path.Combine(storage.DataDirectory, "policy.json");

        // Only what it changes: every other duration keeps its default.
        await File.WriteAllTextAsync(policy, """{ "holidays": { "CN": ["2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"] } }""", TestContext.Current.CancellationToken);
        _host = await ArbiterHost.StartAsync(storage, policyFile: policy);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task An_accounts_region_is_a_two_letter_code()
    {
        await Expect(await _host.Platform.PostAsJsonAsync("/api/v1/accounts", new { id = "b9", role = "buyer", displayName = "Ann", region = " ru " }), HttpStatusCode.Created);
        foreach (var region in new[] { "Russia", "R", "1A", "R U" })
        {
            await ExpectProblem(await _host.Platform.PostAsJsonAsync("/api/v1/accounts", new { id = $"b{region.Length}x", role = "buyer", displayName = "Ann", region }), HttpStatusCode.UnprocessableEntity, "invalid_region");
        }
    }

    [Fact]
    public async Task A_mediators_question_to_a_seller_in_China_skips_its_holidays_and_the_rest_of_the_policy_is_the_default()
    {
        var seller = await AccountAsync("s9", "seller", "CN");
        var buyer = await AccountAsync("b9", "buyer", "RU");
        var market = await Marketplace.OpenAsync(_host);
        await Expect(await _host.Platform.PostAsJsonAsync("/api/v1/orders", Testing.SampleOrders.OneLine("o1", buyerId: "b9", sellerId: "s9")), HttpStatusCode.Created);
        var shipped = await PostOk(_host.Client(seller), "/api/v1/orders/o1/shipment", new { carrier = "DHL", trackingNumber = "1" });
        Assert.Equal("2026-05-01T09:00:00Z", Text(shipped, "protectionEndsAt"));
        var dispute = await Expect(await _host.Client(buyer).PostAsJsonAsync("/api/v1/orders/o1/disputes", new
        {
            lineId = "l1", received = true, reason = "damaged", solution = new { type = "refund_only" }, description = "Cracked.", evidenceIds = Array.Empty<string>(),
        }), HttpStatusCode.Created);
        var id = Text(dispute, "id");
        await PostOk(_host.Client(seller), $"/api/v1/disputes/{id}/escalate", new { note = "No." });

        var toSeller = await Expect(await market.Mediator.PostAsJsonAsync($"/api/v1/disputes/{id}/info-requests", new { from = "seller", question = "Tracking?", businessDays = 1 }), HttpStatusCode.Created);
        var toBuyer = await Expect(await market.Mediator.PostAsJsonAsync($"/api/v1/disputes/{id}/info-requests", new { from = "buyer", question = "Photo?", businessDays = 1 }), HttpStatusCode.Created);

        Assert.Equal("2026-03-09T09:00:00Z", Text(toSeller, "dueAt"));
        Assert.Equal("2026-03-03T09:00:00Z", Text(toBuyer, "dueAt"));
    }

    private async Task<string> AccountAsync(string id, string role, string region) =>
        Text(await Expect(await _host.Platform.PostAsJsonAsync("/api/v1/accounts", new { id, role, displayName = id, region }), HttpStatusCode.Created), "token");
}

public sealed class RegionTestsOnSqlite() : RegionTests(Backend.Sqlite);

public sealed class RegionTestsOnPostgres() : RegionTests(Backend.Postgres);
