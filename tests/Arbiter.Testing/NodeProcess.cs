using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Arbiter.Testing;

/// <summary>
/// A real Arbiter service process (`Arbiter.dll serve`, or a published build) on a loopback port, as a deployment runs
/// it: several of them on one database make a cluster; <see cref="Kill"/> ends one with SIGKILL.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>What the process printed, to explain a failure.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="storageArgs">Where the node keeps its state, as command-line options (<c>--data DIR</c>, or <c>--db postgres --connection CS</c>).</param>
    /// <param name="environment">More environment variables for the process (<c>OTEL_*</c>).</param>
    /// <param name="executable">A build of Arbiter to run (a self-contained one), instead of <c>dotnet Arbiter.dll</c>.</param>
    public static async Task<NodeProcess> StartAsync(
        string platformKey, IEnumerable<string> storageArgs, bool simulatedClock = true, IReadOnlyDictionary<string, string>? environment = null, string? executable = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var node = Launch(platformKey, storageArgs, simulatedClock, environment ?? new Dictionary<string, string>(), executable);
            try
            {
                await node.WaitUntilHealthyAsync();
                return node;
            }
            catch (InvalidOperationException) when (attempt < 3 && node.Output.Contains("address already in use", StringComparison.Ordinal))
            {
                // Another process took the free port between our look and the node's bind: try another.
                await node.DisposeAsync();
            }
        }
    }

    private static NodeProcess Launch(string platformKey, IEnumerable<string> storageArgs, bool simulatedClock, IReadOnlyDictionary<string, string> environment, string? executable)
    {
        var address = new Uri($"http://127.0.0.1:{Loopback.FreePort()}");
        var start = new ProcessStartInfo(executable ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        string[] args =
        [
            .. executable is null ? [typeof(Program).Assembly.Location] : Array.Empty<string>(), "serve", "--urls", address.ToString().TrimEnd('/'),
            "--clock", simulatedClock ? "simulated" : "system", "--platform-key", platformKey,
            "--allow-private-webhooks",
        ];
        foreach (var arg in args.Concat(storageArgs))
        {
            start.ArgumentList.Add(arg);
        }

        return new NodeProcess(Process.Start(start)!, address);
    }

    /// <summary>How long the process took from start to answering <c>/health</c>.</summary>
    public TimeSpan StartedIn { get; private set; }

    /// <summary>The process's resident memory now, in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>The CPU time the process has used so far (user and system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Ends the process at once, as a crash or an OOM kill would (SIGKILL).</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The node exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    StartedIn = deadline.Elapsed;
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the probe's timeout.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The node did not become healthy within {StartTimeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
