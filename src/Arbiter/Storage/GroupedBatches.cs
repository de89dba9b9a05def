using System.Data.Common;
using Npgsql;

namespace Arbiter.Storage;

/// <summary>
/// PostgreSQL's group commit. A save that finds fewer than <c>groupsAtOnce</c> groups on their way
/// goes at once, alone, as it always did; the saves that arrive meanwhile wait, and go together
/// when a group comes back: their statements as one batch, so one round trip, one transaction and
/// one commit, where each alone paid for all three. A batch is all or nothing, so when the server
/// refuses a group (one of its orders changed since it was read, a deadlock) nothing of it
/// committed, and each of its saves runs again alone, to the outcome it would have had alone. A
/// connection lost on the way leaves the outcome unknown, for a group as for a save alone: each
/// caller hears of that failure, and no save runs twice. A caller hears of its save only after
/// the commit that made it durable.
/// </summary>
/// <remarks>
/// SQLite's <see cref="GroupCommit"/> gives each write a savepoint in a transaction its one writer
/// keeps open; here the group's statements travel in one round trip, which a savepoint's answer
/// would break, so a refused group is undone whole and its saves retried one by one.
/// </remarks>
internal sealed class GroupedBatches(Func<CancellationToken, Task<DbConnection>> open, int groupsAtOnce)
{
    /// <summary>Enough to share a commit among many saves, few enough that a group stays a short transaction.</summary>
    private const int MaxPerGroup = 32;

    private readonly Queue<Pending> _waiting = new();
    private int _groupsOnTheirWay;

    /// <exception cref="ConcurrencyConflictException">A guarded row changed since it was read.</exception>
    public Task WriteAsync(SqlBatch batch, CancellationToken ct)
    {
        var pending = new Pending(batch, ct);
        lock (_waiting)
        {
            if (_groupsOnTheirWay == groupsAtOnce)
            {
                _waiting.Enqueue(pending);
                return pending.Task;
            }

            _groupsOnTheirWay++;
        }

        _ = KeepSendingAsync(pending);
        return pending.Task;
    }

    /// <summary>Sends <paramref name="first"/>, then whatever waits, group after group, until nothing does.</summary>
    private async Task KeepSendingAsync(Pending first)
    {
        List<Pending> group = [first];
        while (true)
        {
            await SendAsync(group);
            lock (_waiting)
            {
                if (_waiting.Count == 0)
                {
                    _groupsOnTheirWay--;
                    return;
                }

                group = [];
                while (group.Count < MaxPerGroup && _waiting.TryDequeue(out var next))
                {
                    group.Add(next);
                }
            }
        }
    }

    /// <remarks>
    /// The saves go in the order of the rows they lock first, as the timers lock theirs: two groups
    /// (of this node or another) then never wait for each other's orders in a circle.
    /// </remarks>
    private async Task SendAsync(List<Pending> group)
    {
        var saves = group.Where(p => !p.Abandoned()).OrderBy(p => p.Batch.LocksFirst, StringComparer.Ordinal).ToList();
        if (saves.Count > 1 && await TogetherAsync(saves))
        {
            return;
        }

        foreach (var save in saves)
        {
            await AloneAsync(save);
        }
    }

    /// <summary>Sends the saves as one batch; false when the server refused it, so that nothing of it committed.</summary>
    private async Task<bool> TogetherAsync(List<Pending> saves)
    {
        try
        {
            await ExecuteAsync(SqlBatch.Together(saves.Select(s => s.Batch)));
            saves.ForEach(s => s.Succeed());
        }
        catch (Exception e) when (e is PostgresException or ConcurrencyConflictException)
        {
            return false;
        }
        catch (Exception e)
        {
            saves.ForEach(s => s.Fail(e));
        }

        return true;
    }

    private async Task AloneAsync(Pending save)
    {
        try
        {
            await ExecuteAsync(save.Batch);
            save.Succeed();
        }
        catch (Exception e)
        {
            save.Fail(e);
        }
    }

    /// <summary>A batch without a transaction of the caller's is one of its own, committed as it ends.</summary>
    private async Task ExecuteAsync(SqlBatch batch)
    {
        await using var connection = await open(CancellationToken.None);
        await batch.ExecuteAsync(connection, tx: null);
    }

    /// <summary>A save waiting for its group, and its caller waiting for the commit.</summary>
    private sealed class Pending(SqlBatch batch, CancellationToken ct)
    {
        // Callers go on elsewhere, so the group's sender goes straight on to the next group.
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SqlBatch Batch => batch;

        public Task Task => _done.Task;

        /// <summary>Whether the caller gave up before the save went out: then it never does.</summary>
        public bool Abandoned() => ct.IsCancellationRequested && _done.TrySetCanceled(ct);

        public void Succeed() => _done.TrySetResult();

        public void Fail(Exception e) => _done.TrySetException(e);
    }
}
