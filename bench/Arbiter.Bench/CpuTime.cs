using System.Globalization;

namespace Arbiter.Bench;

/// <summary>
/// CPU time as Linux accounts it, per process tree: what an operation costs the machine, a figure
/// far steadier than throughput on a shared machine, where a neighbour's load slows the clock but
/// not the work.
/// </summary>
internal static class CpuTime
{
    /// <summary>Linux reports CPU times in clock ticks of 1/100 s (USER_HZ) on every mainstream architecture.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>
    /// The CPU time of <paramref name="rootPid"/> and its live children, plus its children that have
    /// already ended (a PostgreSQL server: the postmaster, its backends, those that have closed).
    /// </summary>
    public static TimeSpan OfTree(int rootPid)
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || Stat(pid) is not { } stat)
            {
                continue;
            }

            if (pid == rootPid)
            {
                ticks += stat.UserTicks + stat.SystemTicks + stat.EndedChildrenTicks;
            }
            else if (stat.ParentPid == rootPid)
            {
                ticks += stat.UserTicks + stat.SystemTicks;
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The CPU time of the processes this one started and waited for (such as pgbench).</summary>
    public static TimeSpan OfEndedChildren() => TimeSpan.FromSeconds(Stat(Environment.ProcessId)!.Value.EndedChildrenTicks / TicksPerSecond);

    private static (int ParentPid, long UserTicks, long SystemTicks, long EndedChildrenTicks)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // ended meanwhile
        }

        // The command name (field 2) may hold spaces and parentheses: fields are counted after its closing one.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return ((int)Field(4), Field(14), Field(15), Field(16) + Field(17));
    }
}
