using System.Net;
using System.Text;
using Arbiter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>A client's mistake is logged as a short warning: a flood of malformed requests cannot fill a disk with stack traces.</summary>
public sealed class BadRequestLoggingTests
{
    [Fact]
    public async Task Malformed_json_is_a_warning_without_a_stack_trace()
    {
        var logs = new LogCapture();
        await using var host = await ArbiterHost.StartAsync(await TestStorage.NewAsync(Backend.Sqlite), configure: s => s.AddSingleton<ILoggerProvider>(logs));

        for (var i = 0; i < 3; i++)
        {
            await ExpectProblem(await host.Platform.PostAsync("/api/v1/orders", new StringContent("{nope", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "invalid_request");
        }

        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        var warnings = logs.Entries.Where(e => e.Message.StartsWith("Bad request POST /api/v1/orders", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, w => Assert.Equal((LogLevel.Warning, null), (w.Level, w.Exception)));
        Assert.All(warnings, w => Assert.True(w.Message.Length < 500, w.Message));
    }
}
