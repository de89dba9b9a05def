using Arbiter.Domain.Common;
using Arbiter.Events;
using Arbiter.Privacy;
using Arbiter.Timers;

namespace Arbiter.Api;

/// <summary>The sandbox clock; these routes exist only when the service runs with <c>--clock simulated</c>.</summary>
internal static class ClockApi
{
    public static void MapClock(this IEndpointRouteBuilder api)
    {
        var clock = api.MapGroup("/clock").WithTags("Clock");
        clock.MapGet("/", (TimeProvider time) => time is SimulatedClock
            ? Results.Ok(new ClockView(time.GetUtcNow().UtcDateTime))
            : NotSimulated()).Answers<ClockView>().WithSummary("Read the simulated clock");
        clock.MapPost("/advance", AdvanceAsync).Answers<ClockView>().WithSummary("Advance simulated time; returns once every timer that fell due has fired, the outbox was worked through (webhooks, e-mail, simulated payments), and erasures and the retention policy have caught up");
    }

    private static async Task<IResult> AdvanceAsync(HttpContext http, TimeProvider time, TimerEngine engine, Outbox outbox, Erasures erasures, Retention retention, AdvanceRequest? body)
    {
        if (time is not SimulatedClock clock)
        {
            return NotSimulated();
        }

        if (http.Caller().Role != Role.Platform)
        {
            return Problems.From(Endpoint.Forbidden(http.Caller()));
        }

        var days = body?.Days ?? 0;
        var hours = body?.Hours ?? 0;
        var minutes = body?.Minutes ?? 0;
        if (days < 0 || hours < 0 || minutes < 0 || days > 3650 || hours > 87_600 || minutes > 5_256_000)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, ErrorCode.InvalidDuration, "days, hours and minutes must be zero or positive, and at most ten years.");
        }

        await clock.AdvanceAsync(TimeSpan.FromDays(days) + TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes), http.RequestAborted);
        await engine.RunDueAsync(http.RequestAborted);
        await outbox.RunDueAsync(http.RequestAborted);
        await erasures.RunDueAsync(http.RequestAborted);
        await retention.RunDueAsync(http.RequestAborted);
        return Results.Ok(new ClockView(clock.GetUtcNow().UtcDateTime));
    }

    private static IResult NotSimulated() =>
        Problems.Of(StatusCodes.Status404NotFound, ErrorCode.NotFound, "The clock routes exist only when the service runs with --clock simulated.");
}
