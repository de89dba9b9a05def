using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using static Arbiter.Domain.Common.StateTable<Arbiter.Domain.Orders.OrderStatus, Arbiter.Domain.Orders.OrderAction>;

namespace Arbiter.Domain.Tests;

/// <summary>A state table refuses to be incomplete or ambiguous, and answers where things lead.</summary>
public class StateTableTests
{
    [Fact]
    public void A_table_without_a_row_for_every_status_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new StateTable<OrderStatus, OrderAction>(During(OrderStatus.AwaitingShipment, [])));
        Assert.StartsWith("The table has no row for AwaitingConfirmation, Completed, Closed.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_naming_an_action_twice_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new StateTable<OrderStatus, OrderAction>(
            During(OrderStatus.AwaitingShipment, [], When(OrderAction.Ship, [Role.Seller]), When(OrderAction.Ship, [Role.Platform])),
            During(OrderStatus.AwaitingConfirmation, []),
            During(OrderStatus.Completed, []),
            During(OrderStatus.Closed, [])));
        Assert.StartsWith("AwaitingShipment names an action twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tables_say_where_actions_and_deadlines_lead_and_a_status_stays_where_they_name_nothing()
    {
        Assert.Equal([DisputeStatus.Resolved, DisputeStatus.AwaitingReturn], DisputeRules.Table.LeadsTo(DisputeStatus.AwaitingSellerResponse, DisputeAction.AcceptClaim));
        Assert.Equal([DisputeStatus.Negotiating], DisputeRules.Table.LeadsTo(DisputeStatus.Negotiating, DisputeAction.MakeOffer));
        Assert.Equal([DisputeStatus.Cancelled], DisputeRules.Table.LeadsTo(DisputeStatus.Cancelled, DisputeAction.Decide));
        Assert.Equal([DisputeStatus.Escalated], DisputeRules.Table.LeadsTo(DisputeStatus.Negotiating, DeadlineKind.Negotiation));
        Assert.Equal([DisputeStatus.Negotiating], DisputeRules.Table.LeadsTo(DisputeStatus.Negotiating, DeadlineKind.SellerResponse));
        Assert.Equal([OrderStatus.Closed], OrderRules.Table.LeadsTo(OrderStatus.AwaitingShipment, DeadlineKind.Processing));
        Assert.True(OrderRules.Table.Arms(OrderStatus.AwaitingShipment, DeadlineKind.Processing));
        Assert.False(OrderRules.Table.Arms(OrderStatus.Completed, DeadlineKind.Processing));
        Assert.True(DisputeRules.EverAllows(DisputeAction.Decide, Role.Mediator));
        Assert.False(DisputeRules.EverAllows(DisputeAction.Decide, Role.Seller));
        Assert.True(DisputeRules.Allows(DisputeStatus.Escalated, DisputeAction.Decide, Role.Mediator));
        Assert.False(DisputeRules.Allows(DisputeStatus.Negotiating, DisputeAction.Decide, Role.Mediator));
    }
}
