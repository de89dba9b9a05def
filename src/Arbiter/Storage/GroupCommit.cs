using System.Collections.Concurrent;
using System.Data.Common;

namespace Arbiter.Storage;

/// <summary>
/// One writer connection, shared by queueing: each pass runs every write waiting at that moment
/// in one transaction, each inside its own savepoint (a write that fails undoes only itself),
/// and commits once. The commit (the WAL's fsync, now and then a checkpoint) is the dearest step
/// of a write; writes that arrive together pay for it together. A caller hears of its write only
/// after the commit that made it durable.
/// </summary>
/// <remarks>
/// The passes run on a thread of their own, blocking: SQLite's calls are synchronous whatever
/// their signature, and the writer is the one step every command waits for in turn. On the thread
/// pool it queued behind request work each time a write woke it, and it held a pool thread through
/// every fsync; a thread of its own is woken directly (measured: a tenth more commands a second on
/// SQLite at 8 clients, docs/performance.md).
/// </remarks>
internal sealed class GroupCommit : IAsyncDisposable
{
    /// <summary>Enough to share a commit among many writers, few enough that one pass stays short.</summary>
    private const int MaxWritesPerCommit = 64;

    private readonly BlockingCollection<IPendingWrite> _queue = [];
    private readonly Func<CancellationToken, Task<DbConnection>> _openWriter;
    private readonly Thread _writer;

    /// <param name="openWriter">Opens the writer connection, set up for writing; called again after a failed commit.</param>
    public GroupCommit(Func<CancellationToken, Task<DbConnection>> openWriter)
    {
        _openWriter = openWriter;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "Arbiter writer" };
        _writer.Start();
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        var pending = new PendingWrite<T>(work, ct);
        try
        {
            _queue.Add(pending, CancellationToken.None);
        }
        catch (InvalidOperationException) when (_queue.IsAddingCompleted)
        {
            throw new ObjectDisposedException(nameof(GroupCommit));
        }

        return pending.Task;
    }

    private void WriteLoop()
    {
        Writer? writer = null;
        var batch = new List<IPendingWrite>(MaxWritesPerCommit);
        while (_queue.TryTake(out var first, Timeout.Infinite))
        {
            batch.Add(first);
            while (batch.Count < MaxWritesPerCommit && _queue.TryTake(out var next))
            {
                batch.Add(next);
            }

            try
            {
                writer ??= new Writer(_openWriter(CancellationToken.None).GetAwaiter().GetResult());
                using (var tx = writer.Connection.BeginTransaction())
                {
                    foreach (var write in batch)
                    {
                        write.Run(writer, tx);
                    }

                    tx.Commit();
                }

                batch.ForEach(w => w.Complete());
            }
            catch (Exception e)
            {
                batch.ForEach(w => w.Fail(e));
                writer?.Dispose();
                writer = null;
            }

            batch.Clear();
        }

        writer?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.CompleteAdding();
        await Task.Run(_writer.Join);
    }

    /// <summary>
    /// The writer connection and its savepoint statements, made once: a pass runs them for every
    /// write, and the transaction's own savepoint methods make, parse and plan them anew each time.
    /// </summary>
    private sealed class Writer(DbConnection connection) : IDisposable
    {
        private readonly DbCommand _save = Command(connection, "SAVEPOINT write");
        private readonly DbCommand _release = Command(connection, "RELEASE write");
        private readonly DbCommand _rollback = Command(connection, "ROLLBACK TO write");

        public DbConnection Connection => connection;

        public void Save(DbTransaction tx) => Run(_save, tx);

        public void Release(DbTransaction tx) => Run(_release, tx);

        public void Rollback(DbTransaction tx) => Run(_rollback, tx);

        public void Dispose()
        {
            _save.Dispose();
            _release.Dispose();
            _rollback.Dispose();
            connection.Dispose();
        }

        private static DbCommand Command(DbConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        private static void Run(DbCommand command, DbTransaction tx)
        {
            command.Transaction = tx;
            command.ExecuteNonQuery();
        }
    }

    private interface IPendingWrite
    {
        void Run(Writer writer, DbTransaction tx);

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

        /// <remarks>The work completes synchronously on SQLite; waiting for it here blocks nothing but the writer.</remarks>
        public void Run(Writer writer, DbTransaction tx)
        {
            if (ct.IsCancellationRequested)
            {
                _failure = new OperationCanceledException(ct);
                return;
            }

            writer.Save(tx);
            try
            {
                _result = work(writer.Connection, tx).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                _failure = e;
                writer.Rollback(tx);
            }

            writer.Release(tx);
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
