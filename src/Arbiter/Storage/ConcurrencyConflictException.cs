namespace Arbiter.Storage;

/// <summary>Someone else changed the order between our read and our write: the loser gets 409 (or a timer retries).</summary>
internal sealed class ConcurrencyConflictException(string orderId) : Exception($"Order {orderId} was changed concurrently.");
