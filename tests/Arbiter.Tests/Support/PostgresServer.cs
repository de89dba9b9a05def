using Arbiter.Testing;

[assembly: AssemblyFixture(typeof(Arbiter.Tests.Support.PostgresServer))]

namespace Arbiter.Tests.Support;

/// <summary>One throwaway PostgreSQL cluster for the whole test run; each test gets a database of its own.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static PostgresCluster? _cluster;

    private static PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The PostgreSQL test server has not started.");

    public async ValueTask InitializeAsync() => _cluster = await PostgresCluster.StartAsync(durable: false);

    /// <summary>The cluster's port, for a proxy in front of it.</summary>
    public static int Port => Cluster.Port;

    /// <summary>A new, empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync() => Cluster.ConnectionString(await Cluster.CreateDatabaseAsync("arbiter_test"));

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
