namespace Arbiter.Tests.Support;

/// <summary>A test class with its own running service and a marketplace with buyer b1, seller s1 and mediator m1.</summary>
public abstract class MarketplaceTest(Backend backend) : IAsyncLifetime
{
    protected Backend Backend { get; } = backend;

    protected ArbiterHost Host { get; private set; } = null!;

    protected Marketplace Market { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Host = await ArbiterHost.StartAsync(Backend);
        Market = await Marketplace.OpenAsync(Host);
    }

    /// <summary>Stops the service, does <paramref name="whileStopped"/> (nothing else touches the database then), and starts it again on the same storage.</summary>
    protected async Task RestartAsync(Func<Task> whileStopped)
    {
        await Host.DisposeAsync();
        await whileStopped();
        Host = await ArbiterHost.StartAsync(Host.Storage);
        Market = Market.Reconnect(Host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
