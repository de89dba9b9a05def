using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

namespace Arbiter.Domain.Tests;

/// <summary>Evidence belongs to who uploaded it and to the dispute it was given for; nobody can claim someone else's.</summary>
public class EvidenceTests
{
    private static EvidenceFile File(string id) => new(id, null, "", "photo.png", "image/png", 10, Scenario.Start);

    [Fact]
    public void The_buyer_brings_files_uploaded_before_the_dispute_and_they_become_the_disputes()
    {
        var s = Scenario.Shipped();
        s.Order.AddEvidence(Scenario.Buyer, null, File("o1-e1"), s.Now).ShouldSucceed();

        var dispute = s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim() with { EvidenceIds = ["o1-e1"] }, s.Now).ShouldSucceed();

        Assert.Equal(new EvidenceFile("o1-e1", dispute.Id, "b1", "photo.png", "image/png", 10, s.Now), s.Order.Evidence.Single());
        Assert.Equal(["o1-e1"], dispute.Claim.EvidenceIds);
    }

    [Fact]
    public void Files_of_the_seller_or_of_another_dispute_or_unknown_ones_cannot_back_a_claim()
    {
        var s = Scenario.Shipped(lines: 2);
        s.Order.AddEvidence(Scenario.Seller, null, File("o1-e1"), s.Now).ShouldSucceed();
        s.Order.AddEvidence(Scenario.Buyer, null, File("o1-e2"), s.Now).ShouldSucceed();
        s.Order.OpenDispute(Scenario.Buyer, "l2", Scenario.Claim() with { EvidenceIds = ["o1-e2"] }, s.Now).ShouldSucceed();

        foreach (var evidence in new[] { "o1-e1", "o1-e2", "o1-e9" })
        {
            s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim() with { EvidenceIds = [evidence] }, s.Now).Plain().ShouldFailWith("unknown_evidence");
        }

        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim() with { EvidenceIds = null }, s.Now).ShouldSucceed();
    }

    [Fact]
    public void Evidence_added_to_a_dispute_is_in_its_history_and_refused_where_the_dispute_refuses_it()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();

        s.Order.AddEvidence(Scenario.Seller, dispute.Id, File("o1-e1"), s.Now).ShouldSucceed();
        s.Order.AddEvidence(Scenario.Mediator, dispute.Id, File("o1-e2"), s.Now).ShouldFailWith("action_not_allowed_for_role");
        dispute.Cancel(Scenario.Buyer, false, s.Now).ShouldSucceed();
        s.Order.AddEvidence(Scenario.Buyer, dispute.Id, File("o1-e3"), s.Now).ShouldFailWith("invalid_state");

        Assert.Equal(["o1-e1"], s.Order.Evidence.Select(e => e.Id));
        Assert.Equal("o1-e1 photo.png (image/png, 10 bytes)", dispute.History.Single(h => h.Action == HistoryAction.EvidenceAdded).Details);
    }

    [Fact]
    public void A_changed_claim_takes_the_buyers_new_files_with_it()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();
        s.Order.AddEvidence(Scenario.Buyer, null, File("o1-e1"), s.Now).ShouldSucceed();

        dispute.ChangeClaim(Scenario.Buyer, Scenario.Claim(description: new string('d', 4001)), s.Now).ShouldFailWith("description_required");
        dispute.ChangeClaim(Scenario.Buyer, Scenario.Claim(description: new string('d', 4000)) with { EvidenceIds = ["o1-e1"] }, s.Now).ShouldSucceed();

        Assert.Equal(dispute.Id, s.Order.Evidence.Single().DisputeId);
    }

    [Fact]
    public void A_file_is_its_uploaders_until_it_is_attached_to_a_dispute()
    {
        var s = Scenario.Shipped();
        s.Order.AddEvidence(Scenario.Buyer, null, File("o1-e1"), s.Now).ShouldSucceed();
        var loose = s.Order.Evidence.Single();

        Assert.True(s.Order.MaySee(Scenario.Buyer, loose));
        Assert.True(s.Order.MaySee(Actor.Platform, loose));
        Assert.False(s.Order.MaySee(Scenario.Seller, loose));
        Assert.False(s.Order.MaySee(Scenario.Mediator, loose));
        Assert.False(s.Order.MaySee(new Actor(Role.Buyer, "b2"), loose));

        s.Order.OpenDispute(Scenario.Buyer, "l1", Scenario.Claim() with { EvidenceIds = ["o1-e1"] }, s.Now).ShouldSucceed();
        var attached = s.Order.Evidence.Single();

        Assert.True(s.Order.MaySee(Scenario.Seller, attached));
        Assert.True(s.Order.MaySee(Scenario.Mediator, attached));
        Assert.False(s.Order.MaySee(new Actor(Role.Seller, "s2"), attached));
    }
}
