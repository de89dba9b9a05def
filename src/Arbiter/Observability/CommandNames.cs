namespace Arbiter.Observability;

/// <summary>
/// Names each request's commands after its route: <c>POST /api/v1/disputes/{id}/offers</c>, or a
/// page's route and handler (<c>POST /Dispute/{id} Take</c>). The names stay a bounded set: a
/// command runs only from a handler the page has, so a made-up handler names nothing.
/// </summary>
internal static class CommandNames
{
    public static IApplicationBuilder UseCommandNames(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route } && !HttpMethods.IsGet(context.Request.Method))
        {
            var handler = context.Request.Query["handler"].ToString();
            Telemetry.Door.Value = $"{context.Request.Method} /{route.TrimStart('/')}{(handler.Length is > 0 and <= 64 ? " " + handler : "")}";
        }

        await next(context);
    });
}
