using Arbiter.Domain.Common;
using Arbiter.Domain.Orders;
using Arbiter.Storage;

namespace Arbiter.Application;

/// <summary>What a command produced: its value and the order as saved, or the expected failure.</summary>
internal readonly record struct CommandResult<T>(T? Value, DomainError? Error, Order? Order = null)
{
    public static implicit operator CommandResult<T>(DomainError error) => new(default, error);
}

/// <summary>
/// Runs one command against one order: load, let every deadline that fell due fire first (so a
/// late command sees the state the clock has made), decide, save atomically. Racing commands on
/// the same order serialize: the first save wins, the others get <c>concurrent_modification</c>.
/// </summary>
internal sealed class OrderCommands(OrderStore store, TimeProvider clock)
{
    public static readonly DomainError NotFound = DomainError.NotFound("not_found", "No such order or dispute.");

    public static readonly DomainError Conflict = DomainError.Conflict("concurrent_modification", "Someone else changed this order at the same moment; read it again and retry.");

    public async Task<CommandResult<T>> RunAsync<T>(string orderId, Func<Order, bool> canSee, Func<Order, DateTimeOffset, Result<T>> command, CancellationToken ct = default)
    {
        var loaded = await store.LoadAsync(orderId, ct);
        if (loaded is null || !canSee(loaded.Order))
        {
            return NotFound;
        }

        var now = clock.GetUtcNow();
        loaded.Order.FireDue(now);
        var result = command(loaded.Order, now);
        if (!result.IsSuccess)
        {
            return result.Error!;
        }

        try
        {
            await store.SaveAsync(loaded, now, ct);
        }
        catch (ConcurrencyConflictException)
        {
            return Conflict;
        }

        return new CommandResult<T>(result.Value, null, loaded.Order);
    }

    /// <summary>Reads an order as the clock stands now, with due deadlines applied but not saved.</summary>
    public async Task<Order?> ReadAsync(string orderId, CancellationToken ct = default)
    {
        var loaded = await store.LoadAsync(orderId, ct);
        loaded?.Order.FireDue(clock.GetUtcNow());
        return loaded?.Order;
    }
}
