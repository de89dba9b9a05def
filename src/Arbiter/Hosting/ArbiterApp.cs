using System.Globalization;
using System.Net;
using Arbiter.Domain.Common;
using Arbiter.Api;
using Arbiter.Api.OpenApi;
using Arbiter.Application;
using Arbiter.Events;
using Arbiter.Mail;
using Arbiter.Mediation;
using Arbiter.Observability;
using Arbiter.Privacy;
using Arbiter.Sandbox;
using Arbiter.Security;
using Arbiter.Storage;
using Arbiter.Timers;
using Arbiter.Web;
using Arbiter.Web.Localization;
using Arbiter.Webhooks;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Scalar.AspNetCore;

namespace Arbiter.Hosting;

/// <summary>Builds the whole service: storage, clock, timers and the HTTP API.</summary>
internal static partial class ArbiterApp
{
    /// <summary>Builds the app; <paramref name="configure"/> lets tests swap the server or the clock.</summary>
    public static async Task<WebApplication> BuildAsync(ServeOptions options, TimeProvider? clock = null, Action<WebApplicationBuilder>? configure = null)
    {
        // Whatever the machine's locale: only pages and e-mail speak the reader's culture, and they say so.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        var database = options.OpenDatabase();
        var secrets = options.OpenSecrets();
        await database.MigrateAsync();
        await new WebhookStore(database, secrets).ResealStoredSecretsAsync();
        await new DataProtectionKeys(database).ResealAsync(secrets);
        var time = clock ?? (options.SimulatedClock ? await SimulatedClock.LoadAsync(database, options.ClockStart ?? TruncateToSecond(TimeProvider.System.GetUtcNow())) : TimeProvider.System);

        // Named after this assembly also when a test hosts it, so that the web pages compiled into it are found.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ArbiterApp).Assembly.GetName().Name });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestLimitsMiddleware.Largest);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.LoadPolicy());
        builder.Services.AddSingleton(_ => database);
        builder.Services.AddSingleton(secrets);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton<OrderStore>();
        builder.Services.AddSingleton<OrderLists>();
        builder.Services.AddSingleton<AccountStore>();
        builder.Services.AddSingleton<Callers>();
        builder.Services.AddSingleton(_ => new FailedSignIns(options.FailedSignInsPerMinute));
        builder.Services.AddUploadLimits(options.ConcurrentUploads);
        builder.Services.AddSingleton<EvidenceContent>();
        builder.Services.AddSingleton<RecentOrders>();
        builder.Services.AddSingleton<OrderCommands>();
        builder.Services.AddSingleton<EvidenceFiles>();
        builder.Services.AddSingleton<CallerDisputes>();
        builder.Services.AddSingleton<SellerRecords>();
        builder.Services.AddSingleton<NeedingAttention>();
        builder.Services.AddSingleton<TimerEngine>();
        builder.Services.AddHostedService<TimerWorker>();
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName, http =>
            {
                http.Timeout = TimeSpan.FromSeconds(10);
                http.MaxResponseContentBufferSize = 64 * 1024;
            })
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = services.GetRequiredService<WebhookTargets>().ConnectAsync,
            });
        builder.Services.AddSingleton(options.Webhooks);
        builder.Services.AddSingleton<WebhookTargets>(services => new(services.GetRequiredService<WebhookNetwork>()));
        builder.Services.AddSingleton<WebhookStore>();
        builder.Services.AddSingleton<EventLog>();
        builder.Services.AddSingleton<IOutboxConsumer, WebhookDispatcher>();
        builder.Services.AddSingleton<Mediators>();
        builder.Services.AddSingleton<IOutboxConsumer, MediatorAssigner>();
        var mail = options.Mail();
        if (mail is not null)
        {
            builder.Services.AddSingleton(mail);
            builder.Services.AddSingleton<UnsubscribeLinks>();
            builder.Services.AddSingleton<IOutboxConsumer, Mailer>();
        }

        if (options.SimulatesPayments)
        {
            builder.Services.AddSingleton<IOutboxConsumer, PaymentSimulator>();
        }

        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddHostedService<OutboxWorker>();
        builder.Services.AddSingleton<Erasures>();
        builder.Services.AddSingleton<Retention>();
        builder.Services.AddHostedService<PrivacyWorker>();
        builder.Services.AddProblemDetails();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            Json.UseEnumWords(json.SerializerOptions);
            // Numbers are numbers: an amount sent as a string is a bad request, and the contract says integer.
            json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        // A lambda, not a method group: only then does the XML-comment generator intercept the call and describe the fields.
        builder.Services.AddOpenApi(options => OpenApiSetup.Describe(options));
        builder.AddTelemetry(options);
        builder.Services.AddWeb(options);
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // Only the configured proxies are believed; with none, forwarded headers are ignored.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.TrustedProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
            }
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        if (options.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseWebLocalization();

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteUnhandledAsync,
            // A client's bad request is the client's: a warning without a stack trace, not an error (malformed JSON must not fill a disk).
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages(async status =>
        {
            if (!status.HttpContext.Response.HasStarted && status.HttpContext.Response.ContentLength is null)
            {
                var code = status.HttpContext.Response.StatusCode;
                if (WebSetup.WantsPage(status.HttpContext.Request))
                {
                    await WebSetup.WriteStatusPageAsync(status.HttpContext, code);
                    return;
                }

                var error = code switch
                {
                    StatusCodes.Status404NotFound => ErrorCode.NotFound,
                    StatusCodes.Status405MethodNotAllowed => ErrorCode.MethodNotAllowed,
                    _ => ErrorCode.HttpError,
                };
                await Problems.WriteAsync(status.HttpContext, code, error, "See the API reference at /docs.");
            }
        });
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseMiddleware<JsonCharsetMiddleware>();
        app.UseMiddleware<AuthenticationMiddleware>();
        app.UseCommandNames();
        app.UseAuthentication();

        // Before anything reads a body (an idempotency key's hash does), so that an upload waits for its turn unread.
        app.UseRateLimiter();
        if (time is SimulatedClock simulated)
        {
            app.Use(async (context, next) =>
            {
                await simulated.RefreshAsync(context.RequestAborted);
                await next(context);
            });
        }

        app.UseMiddleware<IdempotencyMiddleware>();
        app.UseWeb();

        app.MapGet("/health", () => Results.Ok(new { Status = "ok" })).ExcludeFromDescription();
        app.MapProbes();
        app.UseTelemetry();
        app.MapOpenApi("/openapi/{documentName}.json");
        // The reference loads nothing from outside the service: its script is served from here, and its fonts are the reader's own.
        app.MapScalarApiReference("/docs", o => o.WithTitle("Arbiter API").WithOpenApiRoutePattern("/openapi/{documentName}.json").DisableDefaultFonts());

        if (mail is not null)
        {
            app.MapUnsubscribe();
        }

        var api = app.MapGroup("/api/v1");
        api.MapAccounts();
        api.MapOrders();
        api.MapDisputes();
        api.MapEvidence();
        api.MapClock();
        api.MapRefunds();
        api.MapChargebacks();
        api.MapWebhooks();
        api.MapSellers();
        return app;
    }

    /// <summary>Bad input that slipped past binding becomes a 400 problem, never a 500.</summary>
    private static async Task WriteUnhandledAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is BadHttpRequestException bad)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Arbiter.Api");
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("Bad request {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, InnerMessage(bad));
            }

            var tooLarge = bad.StatusCode == StatusCodes.Status413PayloadTooLarge;
            await Problems.WriteAsync(
                context,
                tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                tooLarge ? ErrorCode.PayloadTooLarge : ErrorCode.InvalidRequest,
                ForTheClient(bad));
            return;
        }

        await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, ErrorCode.InternalError, "Something went wrong on our side; nothing was changed. Please retry.");
    }

    private static string InnerMessage(Exception e) => e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;

    /// <summary>What went wrong in the client's terms: where in its JSON, or which parameter, never our type names.</summary>
    private static string ForTheClient(BadHttpRequestException bad) => bad.InnerException switch
    {
        System.Text.Json.JsonException json => $"The body is not the JSON this request takes, at {json.Path ?? "$"} (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}).",
        _ => ParameterDescriptor().Replace(bad.Message, "parameter \"$1\""),
    };

    /// <summary>A parameter as ASP.NET Core describes it, <c>parameter "int? limit"</c>: the client knows it as <c>limit</c>.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("parameter \"[^\"]*?(\\w+)\"")]
    private static partial System.Text.RegularExpressions.Regex ParameterDescriptor();

    private static DateTimeOffset TruncateToSecond(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
