namespace Arbiter.Domain.Common;

/// <summary>In a status, one action: who may take it and the statuses it may lead to (none: it stays).</summary>
public sealed record Transition<TStatus, TAction>(TAction Action, IReadOnlyList<Role> Who, IReadOnlyList<TStatus> LeadsTo)
    where TStatus : struct, Enum
    where TAction : struct, Enum;

/// <summary>A deadline a status arms, and the statuses its passing may lead to (none: it stays).</summary>
public sealed record Expiry<TStatus>(DeadlineKind Kind, IReadOnlyList<TStatus> LeadsTo)
    where TStatus : struct, Enum;

/// <summary>One status of a state machine: the deadlines it arms and what anyone may do in it.</summary>
public sealed record StatusRules<TStatus, TAction>(TStatus Status, IReadOnlyList<Expiry<TStatus>> Arms, IReadOnlyList<Transition<TStatus, TAction>> Transitions)
    where TStatus : struct, Enum
    where TAction : struct, Enum;

/// <summary>
/// A state machine on one screen, in the shape of MassTransit's <c>During(state, When(event).TransitionTo(...))</c>:
/// per status, the deadlines it arms and, per action, who may take it and where it leads. The guards
/// of orders and disputes ask it first; the documentation and the domain tests read it as well.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "The table's words, During/When/Expires, read best imported with using static of the closed type.")]
public sealed class StateTable<TStatus, TAction>
    where TStatus : struct, Enum
    where TAction : struct, Enum
{
    private readonly Dictionary<TStatus, StatusRules<TStatus, TAction>> _rules;

    // Every guard asks these, and a view asks them for every action: answered by a lookup, not a search of the table.
    private readonly HashSet<(TStatus, TAction, Role)> _allowed;
    private readonly HashSet<(TAction, Role)> _everAllowed;

    public StateTable(params StatusRules<TStatus, TAction>[] rules)
    {
        _rules = rules.ToDictionary(r => r.Status);
        _allowed = [.. rules.SelectMany(r => r.Transitions.SelectMany(t => t.Who.Select(role => (r.Status, t.Action, role))))];
        _everAllowed = [.. _allowed.Select(a => (a.Item2, a.Item3))];
        var missing = Enum.GetValues<TStatus>().Where(s => !_rules.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"The table has no row for {string.Join(", ", missing)}.", nameof(rules));
        }

        if (rules.FirstOrDefault(r => r.Transitions.DistinctBy(t => t.Action).Count() != r.Transitions.Count) is { } twice)
        {
            throw new ArgumentException($"{twice.Status} names an action twice: give it one row with every role.", nameof(rules));
        }
    }

    /// <summary>Every status's rules, in the order of the status enum.</summary>
    public IEnumerable<StatusRules<TStatus, TAction>> Rows => Enum.GetValues<TStatus>().Select(s => _rules[s]);

    /// <summary>Whether the status lets the role take the action.</summary>
    public bool Allows(TStatus status, TAction action, Role role) => _allowed.Contains((status, action, role));

    /// <summary>Whether the role could take the action in some status at all.</summary>
    public bool EverAllows(TAction action, Role role) => _everAllowed.Contains((action, role));

    /// <summary>Where the action may lead from the status: the status itself when the table names nothing else.</summary>
    public IReadOnlyList<TStatus> LeadsTo(TStatus status, TAction action) =>
        _rules[status].Transitions.FirstOrDefault(t => EqualityComparer<TAction>.Default.Equals(t.Action, action)) is { LeadsTo.Count: > 0 } transition
            ? transition.LeadsTo
            : [status];

    /// <summary>Where a deadline passing may lead from the status: the status itself when the table names nothing else.</summary>
    public IReadOnlyList<TStatus> LeadsTo(TStatus status, DeadlineKind kind) =>
        _rules[status].Arms.FirstOrDefault(a => a.Kind == kind) is { LeadsTo.Count: > 0 } expiry ? expiry.LeadsTo : [status];

    /// <summary>Whether the status may arm a deadline of this kind.</summary>
    public bool Arms(TStatus status, DeadlineKind kind) => _rules[status].Arms.Any(a => a.Kind == kind);

    // The words a table is written in (with `using static StateTable<TStatus, TAction>`).

    public static StatusRules<TStatus, TAction> During(TStatus status, Expiry<TStatus>[] arms, params Transition<TStatus, TAction>[] transitions) =>
        new(status, arms, transitions);

    public static Transition<TStatus, TAction> When(TAction action, Role[] who, params TStatus[] leadsTo) => new(action, who, leadsTo);

    public static Expiry<TStatus> Expires(DeadlineKind kind, params TStatus[] leadsTo) => new(kind, leadsTo);
}
