using System.Net;
using Arbiter.Api;
using Arbiter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Arbiter.Tests.Support.Marketplace;

namespace Arbiter.Tests;

/// <summary>Guessing tokens or sign-in links is throttled per address with 429 and Retry-After; the platform key never is.</summary>
public sealed class FailedSignInTests
{
    [Fact]
    public async Task Forged_tokens_are_throttled_and_the_platform_still_gets_through()
    {
        await using var host = await ArbiterHost.StartAsync(
            await TestStorage.NewAsync(Backend.Sqlite), configure: s => s.AddSingleton(_ => new FailedSignIns(perMinute: 5)));
        var market = await OpenAsync(host);
        var forged = host.Client("forged-token");

        for (var i = 0; i < 5; i++)
        {
            await ExpectProblem(await forged.GetAsync("/api/v1/orders/o1"), HttpStatusCode.Unauthorized, "unauthorized");
        }

        var throttled = await forged.GetAsync("/api/v1/orders/o1");
        await ExpectProblem(throttled, HttpStatusCode.TooManyRequests, "too_many_failed_sign_ins");
        Assert.InRange(int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        await ExpectProblem(await market.Buyer.GetAsync("/api/v1/disputes"), HttpStatusCode.TooManyRequests, "too_many_failed_sign_ins");
        await Expect(await market.Platform.GetAsync("/api/v1/event-types"), HttpStatusCode.OK);

        using var browser = host.Client("");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.GetAsync("/signin/link?token=guess")).StatusCode);
    }

    [Fact]
    public async Task Forged_sign_in_links_count_as_failures_too()
    {
        await using var host = await ArbiterHost.StartAsync(
            await TestStorage.NewAsync(Backend.Sqlite), configure: s => s.AddSingleton(_ => new FailedSignIns(perMinute: 3)));
        using var browser = host.Client("");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await browser.GetAsync($"/signin/link?token=guess{i}")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Gone, HttpStatusCode.Gone, HttpStatusCode.Gone, HttpStatusCode.TooManyRequests], answers);
    }
}
