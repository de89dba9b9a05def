using System.Data.Common;
using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Observability;
using Arbiter.Storage;

namespace Arbiter.Application;

/// <summary>What a command produced (or what its caller made of it), or the expected failure.</summary>
internal readonly record struct CommandResult<T>(T? Value, DomainError? Error)
{
    public static implicit operator CommandResult<T>(DomainError error) => new(default, error);
}

/// <summary>
/// Runs one command against one order, in one transaction: lock the order (commands and timers on
/// it queue behind each other), let every deadline that fell due fire first (so a late command sees
/// the state the clock has made), decide, and save with the ledger, timers and anything else the
/// command writes. Racing commands serialize: each is decided on what the one before it saved.
/// A command first decides outside any transaction, on the order as this node last saved it (or
/// as last committed), and then only writes, checking the version; when someone saved the order
/// in between, or a remembered order refused the command, it is decided again as above, inside
/// the transaction on a locked, fresh read. Write transactions stay short: on SQLite, whose one
/// writer is shared by group commit, and on PostgreSQL, which no longer reads inside them.
/// </summary>
internal sealed class OrderCommands(Database db, OrderStore store, RecentOrders recent, TimeProvider clock, ArbiterMetrics metrics)
{
    public static readonly DomainError NotFound = Order.NotFound;

    public static readonly DomainError Conflict = DomainError.Conflict(ErrorCode.ConcurrentModification, "Someone else changed this order at the same moment; read it again and retry.");

    /// <summary>
    /// Runs a command whose value is all its caller needs. The value outlives the command, so it is
    /// never a part of the order that changes (a dispute): the next command here changes the same objects.
    /// </summary>
    /// <param name="alsoWrite">More rows to write in the same transaction, given the command's value.</param>
    public Task<CommandResult<T>> RunAsync<T>(
        OrderId orderId,
        Func<Order, bool> canSee,
        Func<Order, DateTimeOffset, Result<T>> command,
        Func<T, DbConnection, DbTransaction, Task>? alsoWrite = null,
        CancellationToken ct = default) =>
        RunAsync(orderId, canSee, command, (value, _) => value, alsoWrite, ct);

    /// <param name="answer">
    /// What the caller makes of the command's value and the saved order (a view), made once the save
    /// committed and before the next command here may take the same order object (see
    /// <see cref="RecentOrders"/>): what it returns must not hold the order or any part of it.
    /// </param>
    /// <param name="alsoWrite">More rows to write in the same transaction, given the command's value.</param>
    public async Task<CommandResult<TAnswer>> RunAsync<T, TAnswer>(
        OrderId orderId,
        Func<Order, bool> canSee,
        Func<Order, DateTimeOffset, Result<T>> command,
        Func<T, Order, TAnswer> answer,
        Func<T, DbConnection, DbTransaction, Task>? alsoWrite = null,
        CancellationToken ct = default)
    {
        var name = Telemetry.Door.Value ?? "internal";
        using var span = Telemetry.Source.StartActivity("arbiter.command");
        span?.SetTag("arbiter.command", name);
        span?.SetTag("arbiter.order_id", orderId.Value);
        CommandResult<TAnswer> result;
        try
        {
            var (saved, error) = await DecideAndSaveAsync(orderId, canSee, command, alsoWrite, ct);
            result = error ?? Answer(saved!, answer);
        }
        catch (ConcurrencyConflictException)
        {
            result = Conflict;
        }

        // The decision, for the trace and the count: done, or the code it was refused with.
        var outcome = result.Error is { } refused ? Words.Of(refused.Code) : "ok";
        span?.SetTag("arbiter.outcome", outcome);
        metrics.Commands.Add(1, new("command", name), new("outcome", outcome));
        return result;
    }

    /// <summary>The caller's answer from the saved order, which is then remembered for the next command on it.</summary>
    private CommandResult<TAnswer> Answer<T, TAnswer>(Saved<T> saved, Func<T, Order, TAnswer> answer)
    {
        var answered = answer(saved.Value, saved.Save.Order);
        recent.Remember([saved.Save]);
        return new CommandResult<TAnswer>(answered, null);
    }

    /// <summary>A command's value and the order as its save committed.</summary>
    private sealed record Saved<T>(T Value, SavedOrder Save);

    private async Task<(Saved<T>? Saved, DomainError? Error)> DecideAndSaveAsync<T>(
        OrderId orderId,
        Func<Order, bool> canSee,
        Func<Order, DateTimeOffset, Result<T>> command,
        Func<T, DbConnection, DbTransaction, Task>? alsoWrite,
        CancellationToken ct)
    {
        if (await DecideFirstAsync(orderId, canSee, command, alsoWrite, ct) is { } decided)
        {
            return decided;
        }

        recent.Forget(orderId);

        return await db.WriteAsync<(Saved<T>?, DomainError?)>(async (connection, tx) =>
        {
            var loaded = await store.LoadAsync(connection, tx, orderId, RowLock.Wait);
            if (loaded is null || !canSee(loaded.Order))
            {
                return (null, NotFound);
            }

            var now = clock.GetUtcNow();
            var result = Decide(loaded.Order, now, command);
            if (!result.IsSuccess)
            {
                return (null, result.Error);
            }

            var save = OrderStore.PrepareSave([loaded], now);
            await WriteAsync(save, result.Value!, alsoWrite, connection, tx);
            return (new Saved<T>(result.Value!, save.Saved.Single()), null);
        }, ct);
    }

    /// <summary>
    /// Decides on the order as this node last saved it, or else as last committed, then writes if
    /// nobody saved it since. Null when the command must be decided again on a locked read: someone
    /// saved the order in between, or a remembered order refused it (a refusal is only ever given
    /// on a fresh read).
    /// </summary>
    private async Task<(Saved<T>? Saved, DomainError? Error)?> DecideFirstAsync<T>(
        OrderId orderId,
        Func<Order, bool> canSee,
        Func<Order, DateTimeOffset, Result<T>> command,
        Func<T, DbConnection, DbTransaction, Task>? alsoWrite,
        CancellationToken ct)
    {
        var remembered = recent.Recall(orderId);
        var loaded = remembered ?? await store.LoadAsync(orderId, ct);
        if (loaded is null || !canSee(loaded.Order))
        {
            return remembered is null ? (null, NotFound) : null;
        }

        var now = clock.GetUtcNow();
        var result = Decide(loaded.Order, now, command);
        if (!result.IsSuccess)
        {
            return remembered is null ? (null, result.Error) : null;
        }

        var save = OrderStore.PrepareSave([loaded], now);
        try
        {
            await (alsoWrite is null
                ? save.ExecuteAsync(db, ct)
                : db.WriteAsync(async (connection, tx) =>
                {
                    await WriteAsync(save, result.Value!, alsoWrite, connection, tx);
                    return true;
                }, ct));
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }

        return (new Saved<T>(result.Value!, save.Saved.Single()), null);
    }

    /// <summary>The order as the command left it, then whatever else the command writes, in the caller's transaction.</summary>
    private static async Task WriteAsync<T>(OrderSave save, T value, Func<T, DbConnection, DbTransaction, Task>? alsoWrite, DbConnection connection, DbTransaction tx)
    {
        await save.ExecuteAsync(connection, tx);
        if (alsoWrite is not null)
        {
            await alsoWrite(value, connection, tx);
        }
    }

    /// <summary>Deadlines that fell due fire first, so a late command sees the state the clock has made.</summary>
    private static Result<T> Decide<T>(Order order, DateTimeOffset now, Func<Order, DateTimeOffset, Result<T>> command)
    {
        order.FireDue(now);
        return command(order, now);
    }

    /// <summary>
    /// Saves a new order and answers with what <paramref name="answer"/> makes of it (see
    /// <see cref="RunAsync{T, TAnswer}"/>); null when its id is taken, or when
    /// <paramref name="partiesStand"/> asks that its parties be accounts not erased and they are not.
    /// </summary>
    public async Task<TAnswer?> CreateAsync<TAnswer>(Order order, Func<Order, TAnswer> answer, bool partiesStand, CancellationToken ct = default)
        where TAnswer : class
    {
        if (await store.InsertAsync(order, partiesStand, ct) is not { } saved)
        {
            return null;
        }

        var answered = answer(order);
        recent.Remember([saved]);
        return answered;
    }

    /// <summary>Reads orders as the clock stands now (see <see cref="ReadAsync"/>), by id, in one round trip.</summary>
    public async Task<IReadOnlyDictionary<OrderId, Order>> ReadManyAsync(IReadOnlyCollection<OrderId> orderIds, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var loaded = await store.LoadManyAsync(orderIds, ct);
        foreach (var (order, _, _, _) in loaded)
        {
            order.FireDue(now);
        }

        return loaded.ToDictionary(l => l.Order.Id, l => l.Order);
    }

    /// <summary>Reads an order as the clock stands now, with due deadlines applied but not saved.</summary>
    public async Task<Order?> ReadAsync(OrderId orderId, CancellationToken ct = default)
    {
        var loaded = await store.LoadAsync(orderId, ct);
        loaded?.Order.FireDue(clock.GetUtcNow());
        return loaded?.Order;
    }
}
