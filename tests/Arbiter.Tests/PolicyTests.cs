using Arbiter.Hosting;
using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>Durations come from one policy a deployment can set; an order keeps the policy it was created under.</summary>
public sealed class PolicyTests
{
    [Fact]
    public async Task New_orders_take_the_policy_in_force_and_old_orders_keep_theirs()
    {
        var storage = await TestStorage.NewAsync(Backend.Sqlite);
        Marketplace before;
        await using (var first = await ArbiterHost.StartAsync(storage))
        {
            before = await Marketplace.OpenAsync(first);
            await before.DisputeAsync("old");
        }

        var policy = Path.Combine(storage.DataDirectory, "policy.json");
        await File.WriteAllTextAsync(policy, """{ "sellerResponse": "3.00:00:00", "protectionByShippingMethod": { "standard": "30.00:00:00" } }""", TestContext.Current.CancellationToken);
        await using var restarted = await ArbiterHost.StartAsync(storage, policyFile: policy);
        var market = before.Reconnect(restarted);

        var dispute = await market.DisputeAsync("new");
        Assert.Equal("2026-04-01T09:00:00Z", Text(await GetAsync(market.Platform, "/api/v1/orders/new"), "protectionEndsAt"));
        await market.AdvanceAsync(days: 3);

        Assert.Equal("seller_no_response", Text(await GetAsync(market.Platform, $"/api/v1/disputes/{Text(dispute, "id")}"), "outcome.decidedBy"));
        Assert.Equal("awaiting_seller_response", Text(await GetAsync(market.Platform, "/api/v1/disputes/old-d1"), "status"));
    }

    [Theory]
    [InlineData("""{ "sellerResponse": "-1.00:00:00" }""", "SellerResponse must be positive")]
    [InlineData("""{ "protectionByShippingMethod": { "post": "00:00:00" } }""", "ProtectionByShippingMethod[post] must be positive")]
    [InlineData("not json", "cannot read the policy")]
    public void A_policy_that_cannot_work_is_refused_at_start(string json, string error)
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, json);

        var (options, message) = ServeOptions.Parse(["--policy", file]);

        Assert.Null(options);
        Assert.Contains(error, message);
    }
}
