using Arbiter.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Arbiter.Observability;

/// <summary>
/// OpenTelemetry, configured the standard way. Metrics (Arbiter's <c>arbiter_*</c>, ASP.NET Core's
/// and the runtime's) are always kept, for <c>/metrics</c> in Prometheus's text format. When
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> and the other
/// standard variables), OTLP carries them, the logs, and traces: each request, each command with its
/// decision, each database command on PostgreSQL, each webhook sent. <c>OTEL_SERVICE_NAME</c>
/// defaults to <c>arbiter</c>.
/// </summary>
internal static class TelemetrySetup
{
    public static void AddTelemetry(this WebApplicationBuilder builder, ServeOptions options)
    {
        builder.Services.AddSingleton(services => new ArbiterMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>().Create(new System.Diagnostics.Metrics.MeterOptions(Telemetry.Name))));
        builder.Services.AddSingleton<Backlog>();
        // The standard switch too: Logging__Console__FormatterName=json.
        if (options.JsonLogs || builder.Configuration["Logging:Console:FormatterName"] == "json")
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "arbiter"))
            .WithMetrics(metrics => metrics
                .AddMeter(Telemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        // Spans and exported logs cost on every request: recorded only when they have somewhere to go.
        if (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(Telemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsql())
                .WithLogging()
                .UseOtlpExporter();
        }
    }

    /// <summary>The gauges read when metrics are collected, so they must exist before the first scrape.</summary>
    public static void UseTelemetry(this WebApplication app)
    {
        app.Services.GetRequiredService<Backlog>();
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
    }
}
