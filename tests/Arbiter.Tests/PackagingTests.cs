using System.Net;
using Arbiter.Testing;

namespace Arbiter.Tests;

/// <summary>
/// The packaging an operator installs: <c>scripts/publish.sh</c> makes a self-contained Linux build that
/// starts and serves without .NET installed beside it, and <c>packaging/arbiter.service</c> is a unit
/// systemd accepts, with an exposure score (<c>systemd-analyze security</c>) of "OK" or better. The
/// container recipe (<c>packaging/Dockerfile</c>) needs a Docker daemon and Microsoft's registry,
/// which the test machines do not have.
/// </summary>
public sealed class PackagingTests
{
    [Fact]
    public async Task The_self_contained_build_serves_and_the_systemd_unit_is_valid_and_hardened()
    {
        var root = Directory.CreateTempSubdirectory("arbiter-publish-").FullName;
        var published = Path.Combine(root, "opt", "arbiter");
        var run = await Processes.RunAsync("bash", [Path.Combine(Repository.Root, "scripts", "publish.sh"), published]);
        Assert.True(run.Exit == 0, run.Said);
        var binary = Path.Combine(published, "Arbiter");
        Assert.True(File.Exists(binary), run.Said);
        Assert.False(File.Exists(Path.Combine(published, "Arbiter.runtimeconfig.json")) && File.ReadAllText(Path.Combine(published, "Arbiter.runtimeconfig.json")).Contains("\"framework\"", StringComparison.Ordinal), "the build needs a shared .NET");

        await using (var node = await NodeProcess.StartAsync("packaged", ["--data", Path.Combine(root, "data")], executable: binary))
        {
            Assert.Equal(HttpStatusCode.OK, (await node.Client("none").GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        }

        var unit = Path.Combine(root, "arbiter.service");
        await File.WriteAllTextAsync(unit, (await File.ReadAllTextAsync(Path.Combine(Repository.Root, "packaging", "arbiter.service"), TestContext.Current.CancellationToken)).Replace("/opt/arbiter/Arbiter", binary, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        run = await Processes.RunAsync("systemd-analyze", ["verify", "--man=no", unit]);
        Assert.True(run.Exit == 0 && run.Said.Trim().Length == 0, run.Said);

        // The threshold is in tenths: 20 is an exposure of 2.0, where systemd's "OK" ends.
        run = await Processes.RunAsync("systemd-analyze", ["security", "--offline=yes", "--threshold=20", unit]);
        Assert.True(run.Exit == 0, run.Said);
        Assert.Contains("Overall exposure level for arbiter.service: 1.", run.Said, StringComparison.Ordinal);
    }
}
