using System.Diagnostics;
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
        var (exit, said) = await RunAsync("bash", Path.Combine(Repository.Root, "scripts", "publish.sh"), published);
        Assert.True(exit == 0, said);
        var binary = Path.Combine(published, "Arbiter");
        Assert.True(File.Exists(binary), said);
        Assert.False(File.Exists(Path.Combine(published, "Arbiter.runtimeconfig.json")) && File.ReadAllText(Path.Combine(published, "Arbiter.runtimeconfig.json")).Contains("\"framework\"", StringComparison.Ordinal), "the build needs a shared .NET");

        var data = Path.Combine(root, "data");
        var port = Loopback.FreePort();
        using (var node = Process.Start(new ProcessStartInfo(binary, ["serve", "--urls", $"http://127.0.0.1:{port}", "--data", data, "--platform-key", "packaged"]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                Assert.Equal(HttpStatusCode.OK, await ReadyAsync(http));
            }
            finally
            {
                node.Kill();
                await node.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
        }

        var unit = Path.Combine(root, "arbiter.service");
        await File.WriteAllTextAsync(unit, (await File.ReadAllTextAsync(Path.Combine(Repository.Root, "packaging", "arbiter.service"), TestContext.Current.CancellationToken)).Replace("/opt/arbiter/Arbiter", binary, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        (exit, said) = await RunAsync("systemd-analyze", "verify", "--man=no", unit);
        Assert.True(exit == 0 && said.Trim().Length == 0, said);
        // The threshold is in tenths: 20 is an exposure of 2.0, where systemd's "OK" ends.
        (exit, said) = await RunAsync("systemd-analyze", "security", "--offline=yes", "--threshold=20", unit);
        Assert.True(exit == 0, said);
        Assert.Contains("Overall exposure level for arbiter.service: 1.", said, StringComparison.Ordinal);
    }

    /// <summary>The readiness probe's status once the node answers (it starts in well under a minute).</summary>
    private static async Task<HttpStatusCode> ReadyAsync(HttpClient http)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            try
            {
                return (await http.GetAsync("/health/ready", patience.Token)).StatusCode;
            }
            catch (HttpRequestException) when (!patience.IsCancellationRequested)
            {
                await Task.Delay(100, patience.Token);
            }
        }
    }

    private static async Task<(int Exit, string Said)> RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await errors);
    }
}
