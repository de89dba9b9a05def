using Arbiter.Tests.Support;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>In demo and sandbox mode Arbiter plays the platform's payment system: refunds complete business days later on the simulated clock.</summary>
public abstract class PaymentSimulatorTests(Backend backend) : IAsyncLifetime
{
    private ArbiterHost _host = null!;
    private Marketplace _market = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await ArbiterHost.StartAsync(await TestStorage.NewAsync(backend), simulatedPayments: true);
        _market = await OpenAsync(_host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_refund_is_taken_on_at_once_and_completes_seven_to_ten_business_days_later()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await _market.SubscribeAsync(receiver.Url, "refund.created", "refund.sent", "refund.completed");
        var refund = await _market.RefundedOrderAsync("o1");

        await _market.AdvanceAsync(minutes: 1);
        var sent = await GetAsync(_market.Buyer, $"/api/v1/refunds/{refund}");
        Assert.Equal("sent", Text(sent, "status"));
        Assert.StartsWith("sim_", Text(sent, "reference"), StringComparison.Ordinal);

        await _market.AdvanceAsync(days: 8);
        Assert.Equal("sent", Text(await GetAsync(_market.Buyer, $"/api/v1/refunds/{refund}"), "status"));
        await _market.AdvanceAsync(days: 7);
        Assert.Equal("completed", Text(await GetAsync(_market.Buyer, $"/api/v1/refunds/{refund}"), "status"));

        Assert.Equal(["refund.created", "refund.sent", "refund.completed"], receiver.Accepted.Select(r => r.EventType));
    }

    [Fact]
    public async Task Refunds_of_an_order_paid_with_a_decline_reference_fail_every_attempt_until_a_mediator_steps_in()
    {
        var refund = await _market.RefundedOrderAsync("o1", paymentReference: "decline_o1");

        await _market.AdvanceAsync(minutes: 1);
        Assert.Equal(("failed", "1"), (Text(await GetAsync(_market.Buyer, $"/api/v1/refunds/{refund}"), "status"), Text(await GetAsync(_market.Buyer, $"/api/v1/refunds/{refund}"), "attempt")));
        await _market.AdvanceAsync(days: 1, minutes: 1);
        await _market.AdvanceAsync(days: 2, minutes: 1);

        var stuck = await GetAsync(_market.Buyer, $"/api/v1/refunds/{refund}");
        Assert.Equal(("failed", "3", "true"), (Text(stuck, "status"), Text(stuck, "attempt"), Text(stuck, "needsAttention")));
        Assert.StartsWith("simulated:", Text(stuck, "failureReason"), StringComparison.Ordinal);
        Assert.Single((await GetAsync(_market.Mediator, "/api/v1/refunds?needsAttention=true")).AsArray());
    }

    [Fact]
    public async Task A_refund_the_platform_reported_first_is_left_as_reported()
    {
        var refund = await _market.RefundedOrderAsync("o1");
        await PostOk(_market.Platform, $"/api/v1/refunds/{refund}/completed", new { reference = "re_platform" });

        await _market.AdvanceAsync(days: 20);

        var done = await GetAsync(_market.Buyer, $"/api/v1/refunds/{refund}");
        Assert.Equal(("completed", "re_platform"), (Text(done, "status"), Text(done, "reference")));
    }
}

public sealed class PaymentSimulatorTestsOnSqlite() : PaymentSimulatorTests(Backend.Sqlite);

public sealed class PaymentSimulatorTestsOnPostgres() : PaymentSimulatorTests(Backend.Postgres);

/// <summary>The simulated card refund counts the buyer's business days, as the refund's expected date does.</summary>
public sealed class PaymentSimulatorCalendarTests
{
    [Fact]
    public void A_simulated_refund_skips_the_buyers_holidays()
    {
        var monday = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var plain = Arbiter.Sandbox.PaymentSimulator.CompletesAt("evt_o1_7", monday, Domain.Common.WorkCalendar.Default);
        var holidays = new Domain.Common.WorkCalendar([.. Enumerable.Range(0, 5).Select(i => new DateOnly(2026, 3, 3).AddDays(i))]);

        Assert.InRange((plain - monday).TotalDays, 9, 14);
        Assert.Equal(Domain.Common.WorkCalendar.Default.Add(plain, 4), Arbiter.Sandbox.PaymentSimulator.CompletesAt("evt_o1_7", monday, holidays));
    }
}
