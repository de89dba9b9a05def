using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Domain.Tests.Support;

namespace Arbiter.Domain.Tests;

/// <summary>Ids as marketplaces have them, and the ids Arbiter derives from them without ever parsing the platform's part.</summary>
public class IdTests
{
    public static readonly TheoryData<string> PlatformIds =
    [
        "3f2b8c1e-9d4a-4e5b-8f00-1a2b3c4d5e6f", "ord-2026-000123", "usr:42", "a.b_c-d:e", "x", new string('z', 128), "o1-d1", "x-d-d2-r3", "1",
    ];

    [Theory]
    [MemberData(nameof(PlatformIds))]
    public void Orders_take_the_platforms_own_ids_and_name_their_disputes_and_refunds_after_them(string id)
    {
        var created = Order.Create(
            Actor.Platform,
            new NewOrder(id, id, "s1", "USD", [Scenario.Lamp with { Id = id }], new Payment("card", "p"), "standard"),
            Policy.Default,
            Scenario.Start);
        var order = created.ShouldSucceed();
        order.Ship(Scenario.Seller, "UPS", "1Z", Scenario.Start).ShouldSucceed();

        var dispute = order.OpenDispute(new Actor(Role.Buyer, id), id, Scenario.Claim(), Scenario.Start).ShouldSucceed();
        dispute.AcceptClaim(Scenario.Seller, Scenario.Start).ShouldSucceed();

        Assert.Equal(new DisputeId(OrderId.Of(id), 1), DisputeId.Parse(dispute.Id));
        Assert.Equal(new RefundId(OrderId.Of(id), 1), RefundId.Parse(order.Refunds[0].Id));
        var evidence = EvidenceId.New(OrderId.Of(id));
        Assert.Equal($"{id}-e{evidence.Token}", evidence.ToString());
        Assert.Equal(evidence, EvidenceId.Parse(evidence.ToString()));
        Assert.Equal(new EvidenceId(OrderId.Of(id), "7"), EvidenceId.Parse($"{id}-e7"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("slash/ed")]
    [InlineData("percent%41")]
    [InlineData("ünï")]
    [InlineData("question?")]
    [InlineData(".")]
    [InlineData("..")]
    public void Ids_outside_the_contracts_alphabet_are_refused(string id)
    {
        var error = Ids.Check(id, "id")!;
        Assert.Equal(ErrorCode.InvalidId, error.Code);
        Assert.False(Ids.IsValid(new string('z', 129)));
    }

    [Theory]
    [InlineData("o1-d01")]
    [InlineData("o1-d+1")]
    [InlineData("o1-d 1")]
    [InlineData("o1-d0")]
    [InlineData("o1-d")]
    [InlineData("-d1")]
    [InlineData("o1-r1")]
    [InlineData("o 1-d1")]
    public void Only_the_one_written_form_of_a_dispute_id_names_a_dispute(string id) => Assert.Null(DisputeId.Parse(id));

    [Fact]
    public void The_number_is_what_follows_the_last_marker_so_platform_ids_with_markers_stay_whole()
    {
        Assert.Equal(new DisputeId(OrderId.Of("a-d1"), 2), DisputeId.Parse("a-d1-d2"));
        Assert.Equal(new DisputeId(OrderId.Of("a"), 1), DisputeId.Parse("a-d1"));
        Assert.NotEqual(new DisputeId(OrderId.Of("a-d1"), 2).ToString(), new DisputeId(OrderId.Of("a"), 12).ToString());
    }

    [Theory]
    [InlineData("3f2b8c1e-9d4a-4f7e-b1c2-0a9d8e7f6b5c")]
    [InlineData("ord-2026-000123")]
    [InlineData("usr:42")]
    public void An_order_id_is_the_platforms_id_kept_whole_in_documents_too(string id)
    {
        var orderId = OrderId.Parse(id)!.Value;
        var json = System.Text.Json.JsonSerializer.Serialize(orderId);

        Assert.Equal(id, orderId.ToString());
        Assert.Equal($"\"{id}\"", json);
        Assert.Equal(orderId, System.Text.Json.JsonSerializer.Deserialize<OrderId>(json));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("o/1")]
    public void What_cannot_name_an_order_never_becomes_an_order_id(string? id)
    {
        Assert.Null(OrderId.Parse(id));
        Assert.Throws<ArgumentException>(() => OrderId.Of(id!));
        Assert.Throws<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<OrderId>($"\"{id}\""));
    }

    [Fact]
    public void Evidence_ids_are_random_so_nobody_finds_a_file_by_counting()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => EvidenceId.New(OrderId.Of("o1")).Token).ToList();

        Assert.Equal(1000, ids.Distinct().Count());
        Assert.All(ids, t => Assert.Matches("^[0-9a-f]{32}$", t));
    }

    [Theory]
    [InlineData("o1-e")]
    [InlineData("-eabc")]
    [InlineData("o1-eABC")]
    [InlineData("o1-e123456789012345678901234567890123")]
    [InlineData("o 1-eabc")]
    [InlineData("o1-e../x")]
    public void What_Arbiter_never_wrote_is_no_evidence_id(string id) => Assert.Null(EvidenceId.Parse(id));
}
