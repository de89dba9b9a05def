using System.Data.Common;
using System.Threading.Channels;

namespace Arbiter.Storage;

/// <summary>
/// One writer connection, shared by queueing: each pass runs every write waiting at that moment
/// in one transaction, each inside its own savepoint (a write that fails undoes only itself),
/// and commits once. The commit (the WAL's fsync, now and then a checkpoint) is the dearest step
/// of a write; writes that arrive together pay for it together. A caller hears of its write only
/// after the commit that made it durable.
/// </summary>
internal sealed class GroupCommit : IAsyncDisposable
{
    /// <summary>Enough to share a commit among many writers, few enough that one pass stays short.</summary>
    private const int MaxWritesPerCommit = 64;

    private readonly Channel<IPendingWrite> _queue = Channel.CreateUnbounded<IPendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<CancellationToken, Task<DbConnection>> _openWriter;
    private readonly Task _writer;

    /// <param name="openWriter">Opens the writer connection, set up for writing; called again after a failed commit.</param>
    public GroupCommit(Func<CancellationToken, Task<DbConnection>> openWriter)
    {
        _openWriter = openWriter;
        _writer = Task.Run(WriteLoopAsync);
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        var pending = new PendingWrite<T>(work, ct);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return pending.Task;
    }

    private async Task WriteLoopAsync()
    {
        DbConnection? connection = null;
        var batch = new List<IPendingWrite>(MaxWritesPerCommit);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxWritesPerCommit && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                connection ??= await _openWriter(CancellationToken.None);
                await using (var tx = await connection.BeginTransactionAsync())
                {
                    foreach (var write in batch)
                    {
                        await write.RunAsync(connection, tx);
                    }

                    await tx.CommitAsync();
                }

                batch.ForEach(w => w.Complete());
            }
            catch (Exception e)
            {
                batch.ForEach(w => w.Fail(e));
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                    connection = null;
                }
            }

            batch.Clear();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private interface IPendingWrite
    {
        Task RunAsync(DbConnection connection, DbTransaction tx);

        void Complete();

        void Fail(Exception commitFailure);
    }

    private sealed class PendingWrite<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct) : IPendingWrite
    {
        private const string Savepoint = "write";

        // Continuations run elsewhere, so the writer goes straight on to the next pass.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _failure;

        public Task<T> Task => _done.Task;

        public async Task RunAsync(DbConnection connection, DbTransaction tx)
        {
            if (ct.IsCancellationRequested)
            {
                _failure = new OperationCanceledException(ct);
                return;
            }

            await tx.SaveAsync(Savepoint);
            try
            {
                _result = await work(connection, tx);
            }
            catch (Exception e)
            {
                _failure = e;
                await tx.RollbackAsync(Savepoint);
            }

            await tx.ReleaseAsync(Savepoint);
        }

        public void Complete()
        {
            if (_failure is null)
            {
                _done.TrySetResult(_result!);
            }
            else
            {
                _done.TrySetException(_failure);
            }
        }

        public void Fail(Exception commitFailure) => _done.TrySetException(_failure ?? commitFailure);
    }
}
