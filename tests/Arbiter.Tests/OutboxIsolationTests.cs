using System.Data.Common;
using Arbiter.Events;
using Arbiter.Storage;
using Arbiter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Arbiter.Tests;

/// <summary>One part of the outbox failing (a broken mail server library, a bug) holds up none of the others, and a clock advance still answers.</summary>
public sealed class OutboxIsolationTests
{
    [Fact]
    public async Task A_failing_consumer_does_not_stop_webhooks_or_the_clock()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await ArbiterHost.StartAsync(
            await TestStorage.NewAsync(Backend.Sqlite), configure: s => s.AddSingleton<IOutboxConsumer, AlwaysFails>());
        var market = await Marketplace.OpenAsync(host);
        await market.SubscribeAsync(receiver.Url, "order.created");

        await market.CreateOrderAsync("o1");
        await market.AdvanceAsync(minutes: 10);

        Assert.Equal("order.created", Assert.Single(receiver.Accepted).EventType);
    }

    /// <summary>A consumer whose work always throws, as a bug in one would.</summary>
    private sealed class AlwaysFails : IOutboxConsumer
    {
        public Task<Action<OutboxEvent, SqlBatch>> PrepareAsync(DbConnection connection, DbTransaction tx, DateTimeOffset now) =>
            Task.FromResult<Action<OutboxEvent, SqlBatch>>((_, _) => { });

        public Task<int> RunDueAsync(CancellationToken ct) => throw new InvalidOperationException("broken on purpose");
    }
}
