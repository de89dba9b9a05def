using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Arbiter.Observability;

/// <summary>
/// Arbiter's own traces and instruments, exported with the standard OpenTelemetry parts (OTLP,
/// Prometheus as <c>arbiter_*</c>): a span per command with its decision, commands by name and
/// outcome, deadlines fired and how late, and the backlogs <see cref="Backlog"/> samples.
/// </summary>
internal static class Telemetry
{
    public const string Name = "Arbiter";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>The door a command came through, for its span and count; set by the door (a route, a timer, a consumer).</summary>
    public static readonly AsyncLocal<string?> Door = new();
}

/// <summary>The instruments, on a meter of the service's own (<see cref="IMeterFactory"/>), so that they end with it.</summary>
internal sealed class ArbiterMetrics(Meter meter)
{
    public Meter Meter => meter;

    /// <summary>Commands run on orders: <c>command</c> is the door and route that ran it, <c>outcome</c> <c>ok</c> or the refusal's code.</summary>
    public Counter<long> Commands { get; } = meter.CreateCounter<long>("arbiter.commands", description: "Commands run on orders, by command and outcome.");

    public Counter<long> TimersFired { get; } = meter.CreateCounter<long>("arbiter.timers.fired", description: "Deadlines fired, by kind.");

    public Histogram<double> TimerLag { get; } = meter.CreateHistogram<double>("arbiter.timers.lag", unit: "s", description: "How long after its due instant each deadline fired, on the service's clock.");
}
