using System.Diagnostics;
using Arbiter.Testing;
using MimeKit;

namespace Arbiter.Tests.Support;

/// <summary>
/// A real SMTP server on loopback (Debian's aiosmtpd, which scripts/install-test-deps.sh installs)
/// that keeps every message it accepts, for the tests to read back.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Script = """
        import asyncio, os, sys, time
        from aiosmtpd.controller import Controller

        class Keep:
            count = 0
            async def handle_DATA(self, server, session, envelope):
                Keep.count += 1
                path = os.path.join(sys.argv[2], "%05d.eml" % Keep.count)
                with open(path + ".part", "wb") as f:
                    f.write(envelope.original_content)
                os.rename(path + ".part", path)
                return "250 OK"

        controller = Controller(Keep(), hostname="127.0.0.1", port=int(sys.argv[1]))
        controller.start()
        print("ready", flush=True)
        sys.stdin.read()
        controller.stop()
        """;

    private readonly Process _python;
    private readonly string _folder;

    private SmtpServer(Process python, string folder, int port)
    {
        _python = python;
        _folder = folder;
        Address = $"127.0.0.1:{port}";
    }

    /// <summary>host:port, as <c>--smtp</c> takes it.</summary>
    public string Address { get; }

    public static async Task<SmtpServer> StartAsync(int? port = null)
    {
        var folder = Directory.CreateTempSubdirectory("arbiter-mail-").FullName;
        var listenOn = port ?? Loopback.FreePort();
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", Script, listenOn.ToString(System.Globalization.CultureInfo.InvariantCulture), folder])
        {
            start.ArgumentList.Add(argument);
        }

        var python = Process.Start(start)!;
        var ready = await python.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready != "ready")
        {
            throw new InvalidOperationException("The SMTP server (aiosmtpd) did not start; run scripts/install-test-deps.sh.");
        }

        return new SmtpServer(python, folder, listenOn);
    }

    /// <summary>Every message received so far, in the order it came.</summary>
    public IReadOnlyList<MimeMessage> Messages =>
        [.. Directory.GetFiles(_folder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))];

    public async ValueTask DisposeAsync()
    {
        _python.StandardInput.Close();
        if (!_python.WaitForExit(10_000))
        {
            _python.Kill();
        }

        await _python.WaitForExitAsync();
        _python.Dispose();
    }
}
