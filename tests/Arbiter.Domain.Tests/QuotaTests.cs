using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

namespace Arbiter.Domain.Tests;

/// <summary>One account cannot bury a dispute: messages and evidence per party are capped by the policy, the other party keeps its own allowance.</summary>
public sealed class QuotaTests
{
    private static readonly Policy Tight = Policy.Default with { MaxMessagesPerParty = 2, MaxEvidenceFilesPerParty = 2, MaxEvidenceBytesPerParty = 100 };

    private static EvidenceFile File(string id, long size) => new(id, null, "", "photo.png", "image/png", size, Scenario.Start);

    [Fact]
    public void A_party_writes_at_most_its_messages_and_the_other_party_still_can()
    {
        var s = Scenario.Shipped(policy: Tight);
        var dispute = s.Open();
        dispute.SendMessage(Scenario.Seller, "It was sent.", s.Now).ShouldSucceed();
        dispute.SendMessage(Scenario.Seller, "Please wait.", s.Now).ShouldSucceed();
        var before = dispute.History.Count;

        dispute.SendMessage(Scenario.Seller, "Wait more.", s.Now).ShouldFailWith("message_limit_reached");

        Assert.Equal(before, dispute.History.Count);
        Assert.Equal(2, dispute.Messages.Count);
        dispute.SendMessage(Scenario.Buyer, "It never came.", s.Now).ShouldSucceed();
    }

    [Fact]
    public void Evidence_is_capped_by_count_and_by_bytes_per_party_and_dispute()
    {
        var s = Scenario.Shipped(policy: Tight);
        var dispute = s.Open();
        s.Order.AddEvidence(Scenario.Buyer, dispute.Id, File("o1-ea", 60), s.Now).ShouldSucceed();

        s.Order.AddEvidence(Scenario.Buyer, dispute.Id, File("o1-eb", 41), s.Now).ShouldFailWith("evidence_limit_reached");
        s.Order.AddEvidence(Scenario.Buyer, dispute.Id, File("o1-ec", 40), s.Now).ShouldSucceed();
        s.Order.AddEvidence(Scenario.Buyer, dispute.Id, File("o1-ed", 0), s.Now).ShouldFailWith("evidence_limit_reached");
        s.Order.AddEvidence(Scenario.Seller, dispute.Id, File("o1-ee", 100), s.Now).ShouldSucceed();

        Assert.Equal(["o1-ea", "o1-ec", "o1-ee"], s.Order.Evidence.Select(f => f.Id));
    }

    [Fact]
    public void Files_for_an_order_before_its_dispute_have_their_own_allowance()
    {
        var s = Scenario.Shipped(policy: Tight);
        s.Order.AddEvidence(Scenario.Buyer, null, File("o1-ea", 10), s.Now).ShouldSucceed();
        s.Order.AddEvidence(Scenario.Buyer, null, File("o1-eb", 10), s.Now).ShouldSucceed();

        s.Order.AddEvidence(Scenario.Buyer, null, File("o1-ec", 10), s.Now).ShouldFailWith("evidence_limit_reached");
    }

    [Fact]
    public void A_policy_needs_room_for_at_least_one_message_and_one_file()
    {
        Assert.Empty((Policy.Default with { MaxMessagesPerParty = 1, MaxEvidenceFilesPerParty = 1, MaxEvidenceBytesPerParty = 1 }).Problems());
        Assert.Single((Policy.Default with { MaxMessagesPerParty = 0 }).Problems());
        Assert.Single((Policy.Default with { MaxEvidenceFilesPerParty = 0 }).Problems());
        Assert.Single((Policy.Default with { MaxEvidenceBytesPerParty = 0 }).Problems());
    }
}
