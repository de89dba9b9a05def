using System.Text.Json;
using Arbiter.Domain.Tests.Support;

namespace Arbiter.Domain.Tests;

/// <summary>A policy is usable only when every period is positive; protection depends on the shipping method.</summary>
public class PolicyRulesTests
{
    [Fact]
    public void The_default_policy_is_usable_and_protects_slower_shipping_longer()
    {
        Assert.Empty(Policy.Default.Problems());
        Assert.Equal(TimeSpan.FromDays(60), Policy.Default.ProtectionFor("standard"));
        Assert.Equal(TimeSpan.FromDays(75), Policy.Default.ProtectionFor("economy"));
        Assert.Equal(TimeSpan.FromDays(90), Policy.Default.ProtectionFor("post"));
        Assert.Equal(TimeSpan.FromDays(60), Policy.Default.ProtectionFor("drone"));
        Assert.Equal(TimeSpan.FromDays(90), Scenario.Shipped(shippingMethod: "post").ProtectionEndsAt - Scenario.Start);
    }

    [Fact]
    public void A_policy_file_that_names_only_some_settings_keeps_the_defaults_for_the_others()
    {
        var policy = JsonSerializer.Deserialize<Policy>("""{ "retentionDays": 365 }""", Scenario.Json)!;

        Assert.Equal(365, policy.RetentionDays);
        Assert.Equal([("standard", TimeSpan.FromDays(60)), ("economy", TimeSpan.FromDays(75)), ("post", TimeSpan.FromDays(90))], policy.ProtectionByShippingMethod.Select(p => (p.Key, p.Value)));
        Assert.Equal((200, 30, 200L * 1024 * 1024), (policy.MaxMessagesPerParty, policy.MaxEvidenceFilesPerParty, policy.MaxEvidenceBytesPerParty));
        Assert.Empty(policy.Problems());
    }

    [Fact]
    public void What_parties_wrote_is_kept_at_least_a_day_after_the_order_finished()
    {
        Assert.Empty((Policy.Default with { RetentionDays = 1 }).Problems());
        Assert.Equal(["retentionDays is at least 1"], (Policy.Default with { RetentionDays = 0 }).Problems());
    }

    public static readonly TheoryData<string, Policy> Unusable = new()
    {
        { "ProcessingTime must be positive, not 00:00:00", Policy.Default with { ProcessingTime = TimeSpan.Zero } },
        { "Protection must be positive, not -1.00:00:00", Policy.Default with { Protection = TimeSpan.FromDays(-1) } },
        { "PostCompletionDisputeWindow must be positive, not 00:00:00", Policy.Default with { PostCompletionDisputeWindow = TimeSpan.Zero } },
        { "SellerResponse must be positive, not 00:00:00", Policy.Default with { SellerResponse = TimeSpan.Zero } },
        { "Negotiation must be positive, not 00:00:00", Policy.Default with { Negotiation = TimeSpan.Zero } },
        { "ReturnShipment must be positive, not 00:00:00", Policy.Default with { ReturnShipment = TimeSpan.Zero } },
        { "ReturnReceiptAfterShipment must be positive, not 00:00:00", Policy.Default with { ReturnReceiptAfterShipment = TimeSpan.Zero } },
        { "ReturnReceiptAfterDelivery must be positive, not 00:00:00", Policy.Default with { ReturnReceiptAfterDelivery = TimeSpan.Zero } },
        { "AppealWindow must be positive, not 00:00:00", Policy.Default with { AppealWindow = TimeSpan.Zero } },
        { "ProtectionByShippingMethod[post] must be positive, not 00:00:00", Policy.Default with { ProtectionByShippingMethod = new Dictionary<string, TimeSpan> { ["post"] = TimeSpan.Zero } } },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void A_period_that_is_not_positive_makes_the_policy_unusable(string problem, Policy policy) =>
        Assert.Equal([problem], policy.Problems());

    [Fact]
    public void Reminders_and_extension_maximums_may_be_zero_but_not_negative()
    {
        var zero = Policy.Default with { ProtectionReminder = TimeSpan.Zero, DeadlineReminder = TimeSpan.Zero, MaxProcessingExtensionDays = 0, MaxProtectionExtensionDays = 0, InfoRequestBusinessDays = 1 };
        Assert.Empty(zero.Problems());

        foreach (var negative in new[]
        {
            Policy.Default with { ProtectionReminder = TimeSpan.FromHours(-1) },
            Policy.Default with { DeadlineReminder = TimeSpan.FromHours(-1) },
            Policy.Default with { InfoRequestBusinessDays = 0 },
            Policy.Default with { MaxProcessingExtensionDays = -1 },
            Policy.Default with { MaxProtectionExtensionDays = -1 },
        })
        {
            Assert.Single(negative.Problems());
        }
    }
}
