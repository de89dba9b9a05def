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
        Writer? writer = null;
        var batch = new List<IPendingWrite>(MaxWritesPerCommit);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxWritesPerCommit && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                writer ??= new Writer(await _openWriter(CancellationToken.None));
                await using (var tx = await writer.Connection.BeginTransactionAsync())
                {
                    foreach (var write in batch)
                    {
                        await write.RunAsync(writer, tx);
                    }

                    await tx.CommitAsync();
                }

                batch.ForEach(w => w.Complete());
            }
            catch (Exception e)
            {
                batch.ForEach(w => w.Fail(e));
                if (writer is not null)
                {
                    await writer.DisposeAsync();
                    writer = null;
                }
            }

            batch.Clear();
        }

        if (writer is not null)
        {
            await writer.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    /// <summary>
    /// The writer connection and its savepoint statements, made once: a pass runs them for every
    /// write, and the transaction's own savepoint methods make, parse and plan them anew each time.
    /// </summary>
    private sealed class Writer(DbConnection connection) : IAsyncDisposable
    {
        private readonly DbCommand _save = Command(connection, "SAVEPOINT write");
        private readonly DbCommand _release = Command(connection, "RELEASE write");
        private readonly DbCommand _rollback = Command(connection, "ROLLBACK TO write");

        public DbConnection Connection => connection;

        public Task<int> SaveAsync(DbTransaction tx) => Run(_save, tx);

        public Task<int> ReleaseAsync(DbTransaction tx) => Run(_release, tx);

        public Task<int> RollbackAsync(DbTransaction tx) => Run(_rollback, tx);

        public async ValueTask DisposeAsync()
        {
            await _save.DisposeAsync();
            await _release.DisposeAsync();
            await _rollback.DisposeAsync();
            await connection.DisposeAsync();
        }

        private static DbCommand Command(DbConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        private static Task<int> Run(DbCommand command, DbTransaction tx)
        {
            command.Transaction = tx;
            return command.ExecuteNonQueryAsync();
        }
    }

    private interface IPendingWrite
    {
        Task RunAsync(Writer writer, DbTransaction tx);

        void Complete();

        void Fail(Exception commitFailure);
    }

    private sealed class PendingWrite<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct) : IPendingWrite
    {
        // Continuations run elsewhere, so the writer goes straight on to the next pass.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _failure;

        public Task<T> Task => _done.Task;

        public async Task RunAsync(Writer writer, DbTransaction tx)
        {
            if (ct.IsCancellationRequested)
            {
                _failure = new OperationCanceledException(ct);
                return;
            }

            await writer.SaveAsync(tx);
            try
            {
                _result = await work(writer.Connection, tx);
            }
            catch (Exception e)
            {
                _failure = e;
                await writer.RollbackAsync(tx);
            }

            await writer.ReleaseAsync(tx);
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
